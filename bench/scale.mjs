// Scale (Node): the 36 MB and the 100 000-turn payloads go through each route in a fresh
// process (see scale-child.mjs), with peak memory relative to the payload size, against
// JSON.parse measured the same way; and wasm memory across 100 calls.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manyTurns, payload } from './payloads.mjs';

const CHILD = fileURLToPath(new URL('./scale-child.mjs', import.meta.url));
const ROUTES = ['jsonParse', 'decode', 'oursText', 'oursBytes'];

function measure(file, route) {
  const out = execFileSync(process.execPath, ['--expose-gc', CHILD, file, route], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop());
}

/** `quick`: small payloads, to check the machinery works inside npm test. */
export function runScale({ quick = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'handinger-bench-'));
  try {
    const cases = quick
      ? [['370 KB', payload(370_000)], ['2 000 turns', manyTurns(2_000)]]
      : [['36 MB', payload(36_000_000)], ['100 000 turns', manyTurns(100_000)]];
    const rows = [];
    for (const [label, text] of cases) {
      const file = join(dir, `${rows.length}.json`);
      writeFileSync(file, text);
      rows.push({ payload: label, results: Object.fromEntries(ROUTES.map((r) => [r, measure(file, r)])) });
    }
    const file = join(dir, 'repeat.json');
    writeFileSync(file, payload(quick ? 370_000 : 3_600_000));
    const repeat = measure(file, 'repeat');
    return { rows, repeat };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MB = (b) => `${(b / 1e6).toFixed(1)} MB`;
const x = (b, payloadBytes) => `${(b / payloadBytes).toFixed(2)}×`;

export function formatScale({ rows, repeat }) {
  const lines = [
    '#### Node: scale, one fresh process per cell',
    '',
    'Peak added = peak RSS during the call − RSS before it (an upper bound; it includes the wasm',
    'memory the call grew and the result object), as a multiple of the payload size.',
    '',
    '| payload | route | time ms | peak added | result (JS heap) | wasm memory after |',
    '|---|---|---|---|---|---|',
  ];
  for (const { payload: label, results } of rows) {
    for (const r of Object.values(results)) {
      lines.push(
        `| ${label} (${MB(r.payloadBytes)}) | ${r.route} | ${r.ms.toFixed(0)} | ${MB(r.peakAddedBytes)} = **${x(r.peakAddedBytes, r.payloadBytes)}** | ${MB(r.heapRetainedBytes)} | ${MB(r.wasmAfterBytes)} |`,
      );
    }
  }
  const [one, ten, hundred] = repeat.repeatWasmBytes;
  lines.push('', `Wasm memory over 100 calls (${MB(repeat.payloadBytes)}, valid and failing mixed): after 1: ${MB(one)}, after 10: ${MB(ten)}, after 100: ${MB(hundred)} (${hundred > ten ? 'GROWING' : 'flat: freed memory is reused'}).`);
  return lines.join('\n');
}
