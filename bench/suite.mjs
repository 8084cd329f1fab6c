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
  { key: 'oursTextCore', label: "(e) parseTaskWithTurns(text) left to the wasm core (one '+02:00' timestamp)", base: 'jsonParse' },
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
    // Valid, but in a form the JS fast path leaves to the wasm core (js/fast-path.js): the
    // cost of the full path, which every invalid payload also takes.
    const coreText = text.replace('"startedAt":"2026-06-01T08:00:01.000Z"', '"startedAt":"2026-06-01T10:00:01.000+02:00"');
    if (coreText === text || !lib.safeParseTaskWithTurns(coreText).success) throw new Error('the core-path payload is not what it should be');
    // Sanity: every route accepts this payload and agrees (a benchmark of a failing path is worthless).
    const expected = JSON.stringify(object);
    for (const got of [lib.parseTaskWithTurns(bytes, { strict: false }), lib.parseTaskWithTurns(text), lib.parseTaskWithTurns(object), schema.parse(JSON.parse(text))]) {
      if (JSON.stringify(got) !== expected) throw new Error(`a route disagrees with JSON.parse at ${label}`);
    }
    // The copy the core path makes of a string into wasm memory, timed into a preallocated
    // buffer (the same operation): its UTF-16 code units in Node (Buffer#ucs2Write), UTF-8
    // elsewhere (encodeInto).
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
        oursTextCore: () => lib.parseTaskWithTurns(coreText),
        copyText,
      },
      'jsonParse',
      { ...opts, baselineOf: { oursBytes: 'decode' } },
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
    'Where the time goes, as a share of each route\'s baseline (differences of medians: ≈0× where',
    'the difference is within the noise). Route (c) and the bytes route take the fast path',
    '(JSON.parse, then the field checks of js/fast-path.js). In (e) those checks decline, and the',
    'wasm core copies the text into wasm and validates it there (then keeps that parse), as for',
    'every invalid payload:',
    '',
    `| part | ${rows.map((r) => r.size).join(' | ')} |`,
    `|---|${rows.map(() => '---|').join('')}`,
  );
  const share = (x) => (x < 0.005 ? '≈0×' : fmtRatio(x));
  const part = (label, f) => lines.push(`| ${label} | ${rows.map((r) => share(f(r.results))).join(' | ')} |`);
  part('bytes route: TextDecoder + JSON.parse', () => 1);
  part('bytes route: field checks + glue (rest)', (r) => (r.oursBytes.medianMs - r.decode.medianMs) / r.decode.medianMs);
  part('(c) text route: JSON.parse', () => 1);
  part('(c) text route: field checks + glue (rest)', (r) => (r.oursText.medianMs - r.jsonParse.medianMs) / r.jsonParse.medianMs);
  part('(e) core path: copy string into wasm', (r) => r.copyText.medianMs / r.jsonParse.medianMs);
  part('(e) core path: JSON.parse', () => 1);
  part('(e) core path: validation in wasm + glue (rest)', (r) => (r.oursTextCore.medianMs - r.copyText.medianMs - r.jsonParse.medianMs) / r.jsonParse.medianMs);
  return lines.join('\n');
}
