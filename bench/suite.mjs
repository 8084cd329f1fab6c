// The benchmark suite, runtime-agnostic (Node and Chromium run this same module): each
// candidate is timed against its baseline in the same run, interleaved, and reported as a
// ratio (candidate time / baseline time; < 1 is faster). Machines are noisy: the median of
// several interleaved rounds is reported, never an absolute time.
import { payload, SIZES } from './payloads.mjs';
import { zodTaskWithTurns } from './zod-schema.mjs';

function perOp(fn, minMs) {
  let n = 0;
  const start = performance.now();
  let elapsed;
  do {
    fn();
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Ratio candidate/baseline, median of `rounds` interleaved rounds. */
function ratio(candidate, baseline, { rounds, minMs }) {
  candidate();
  baseline();
  const ratios = [];
  for (let r = 0; r < rounds; r++) ratios.push(perOp(candidate, minMs) / perOp(baseline, minMs));
  return median(ratios);
}

/**
 * Runs every route at every size. `lib` is handinger-wasm; `z` is zod (or null to skip).
 * `quick` (a smoke run inside npm test) checks the suite works, not the numbers.
 */
export function runSuite(lib, z, { quick = false } = {}) {
  const opts = quick ? { rounds: 1, minMs: 5 } : { rounds: 7, minMs: 150 };
  const schema = z ? zodTaskWithTurns(z) : null;
  const rows = [];
  for (const [label, size] of quick ? SIZES.slice(0, 2) : SIZES) {
    const text = payload(size);
    const bytes = new TextEncoder().encode(text);
    // Sanity: all routes accept this payload (a benchmark of a failing path is worthless).
    lib.parseTaskWithTurns(bytes, { strict: false });
    lib.parseTaskWithTurns(text);
    if (schema) schema.parse(JSON.parse(text));
    const jsonOfBytes = () => JSON.parse(new TextDecoder().decode(bytes));
    const jsonOfText = () => JSON.parse(text);
    const row = { size: label, bytes: bytes.length };
    row.bytesRoute = ratio(() => lib.parseTaskWithTurns(bytes, { strict: false }), jsonOfBytes, opts);
    row.textRoute = ratio(() => lib.parseTaskWithTurns(text), jsonOfText, opts);
    if (schema) {
      row.zodVsJsonParse = ratio(() => schema.parse(JSON.parse(text)), jsonOfText, opts);
      row.textRouteVsZod = ratio(() => lib.parseTaskWithTurns(text), () => schema.parse(JSON.parse(text)), opts);
    }
    rows.push(row);
  }
  return rows;
}

export function formatRows(runtime, rows) {
  const f = (x) => (x === undefined ? '  –  ' : `${x.toFixed(2)}×`);
  const lines = [
    `${runtime}: ratios (lower is better)`,
    'size     | bytes route vs JSON.parse(TextDecoder) | text route vs JSON.parse | zod+JSON.parse vs JSON.parse | text route vs zod',
  ];
  for (const r of rows) lines.push(`${r.size.padEnd(8)} | ${f(r.bytesRoute).padEnd(38)} | ${f(r.textRoute).padEnd(24)} | ${f(r.zodVsJsonParse).padEnd(28)} | ${f(r.textRouteVsZod)}`);
  return lines.join('\n');
}
