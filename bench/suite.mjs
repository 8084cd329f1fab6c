// Parse routes, runtime-agnostic (Node and Chromium run this same module): what a user would
// otherwise write, each against a bare JSON.parse of the same text, in one run.
import { payload, SIZES } from './payloads.mjs';
import { compare, fmtMs, fmtRatio } from './timing.mjs';
import { zodTaskWithTurns } from './zod-schema.mjs';

/** The candidates, in report order; `base` names each one's baseline. */
export const PARSE_ROUTES = [
  { key: 'jsonParse', label: '(a) JSON.parse(text)', base: 'jsonParse' },
  { key: 'zod', label: '(b) JSON.parse + zod 4 schema', base: 'jsonParse' },
  { key: 'oursText', label: '(c) parseTaskWithTurns(text)', base: 'jsonParse' },
  { key: 'oursObject', label: '(d) parseTaskWithTurns(object)', base: 'jsonParse' },
  { key: 'decode', label: 'JSON.parse(TextDecoder(bytes)) = response.json()', base: 'jsonParse' },
  { key: 'oursBytes', label: "bytes route (fetchTask's body path)", base: 'decode' },
];

/**
 * Runs every route at every size. `lib` is handinger-wasm; `z` is zod.
 * `quick` (the smoke run inside npm test) checks the suite works, not the numbers.
 */
export async function runParseSuite(lib, z, { quick = false, sizes = quick ? SIZES.slice(0, 2) : SIZES } = {}) {
  const schema = zodTaskWithTurns(z);
  const rows = [];
  for (const [label, size] of sizes) {
    const text = payload(size);
    const bytes = new TextEncoder().encode(text);
    const object = JSON.parse(text);
    // Sanity: every route accepts this payload and agrees (a benchmark of a failing path is worthless).
    const expected = JSON.stringify(object);
    for (const got of [lib.parseTaskWithTurns(bytes, { strict: false }), lib.parseTaskWithTurns(text), lib.parseTaskWithTurns(object), schema.parse(JSON.parse(text))]) {
      if (JSON.stringify(got) !== expected) throw new Error(`a route disagrees with JSON.parse at ${label}`);
    }
    // The copies our routes make into wasm memory, timed into a preallocated buffer (the same
    // operation): the bytes route copies the body as is; the text route copies the string's
    // UTF-16 code units in Node (Buffer#ucs2Write) and encodes it to UTF-8 elsewhere (encodeInto).
    const copyDst = new Uint8Array(text.length * 3);
    const nodeBuffer = globalThis.Buffer && globalThis.process?.versions?.node ? globalThis.Buffer.from(copyDst.buffer) : null;
    const encoder = new TextEncoder();
    const copyText = nodeBuffer ? () => nodeBuffer.ucs2Write(text) : () => encoder.encodeInto(text, copyDst);
    const big = bytes.length > 10_000_000;
    const opts = quick ? { rounds: 1, minMs: 2 } : { rounds: big ? 5 : 9, minMs: big ? 100 : 200, warmup: big ? 1 : 3 };
    const results = await compare(
      {
        jsonParse: () => JSON.parse(text),
        zod: () => schema.parse(JSON.parse(text)),
        oursText: () => lib.parseTaskWithTurns(text),
        oursObject: () => lib.parseTaskWithTurns(object),
        decode: () => JSON.parse(new TextDecoder().decode(bytes)),
        oursBytes: () => lib.parseTaskWithTurns(bytes, { strict: false }),
        copyBytes: () => copyDst.set(bytes),
        copyText,
      },
      'jsonParse',
      { ...opts, baselineOf: { oursBytes: 'decode', copyBytes: 'decode' } },
    );
    // The text route against zod, from the same samples' medians.
    rows.push({ size: label, bytes: bytes.length, results, textVsZod: results.oursText.medianMs / results.zod.medianMs });
  }
  return rows;
}

/** A markdown table: median ms (min–max) and the ratio to each route's baseline. */
export function formatParseRows(runtime, rows) {
  const lines = [
    `#### ${runtime}: parse routes, median ms (min–max) and ratio to baseline`,
    '',
    `| route | baseline | ${rows.map((r) => r.size).join(' | ')} |`,
    `|---|---|${rows.map(() => '---|').join('')}`,
  ];
  for (const route of PARSE_ROUTES) {
    const base = route.base === 'decode' ? 'response.json()' : 'JSON.parse';
    const cells = rows.map((r) => {
      const x = r.results[route.key];
      return `${fmtMs(x.medianMs)} (${fmtMs(x.minMs)}–${fmtMs(x.maxMs)}) **${fmtRatio(x.ratio)}**`;
    });
    lines.push(`| ${route.label} | ${base} | ${cells.join(' | ')} |`);
  }
  lines.push(`| (c) text route vs (b) zod | zod | ${rows.map((r) => `**${fmtRatio(r.textVsZod)}**`).join(' | ')} |`);
  lines.push(
    '',
    'Where the time goes, as a share of each route\'s baseline (copy measured; the rest, validation',
    'in wasm plus glue, is what remains of the route after its copy and its JSON.parse):',
    '',
    `| part | ${rows.map((r) => r.size).join(' | ')} |`,
    `|---|${rows.map(() => '---|').join('')}`,
  );
  const part = (label, f) => lines.push(`| ${label} | ${rows.map((r) => fmtRatio(f(r.results))).join(' | ')} |`);
  part('bytes route: copy body into wasm', (r) => r.copyBytes.medianMs / r.decode.medianMs);
  part('bytes route: TextDecoder + JSON.parse', () => 1);
  part('bytes route: validation + glue (rest)', (r) => (r.oursBytes.medianMs - r.copyBytes.medianMs - r.decode.medianMs) / r.decode.medianMs);
  part('text route: copy string into wasm', (r) => r.copyText.medianMs / r.jsonParse.medianMs);
  part('text route: JSON.parse', () => 1);
  part('text route: validation + glue (rest)', (r) => (r.oursText.medianMs - r.copyText.medianMs - r.jsonParse.medianMs) / r.jsonParse.medianMs);
  return lines.join('\n');
}
