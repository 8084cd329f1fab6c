// js/fast-path.js against the Rust validator: whatever the fast path accepts, Rust must
// accept and read the same (the fast path may only say "surely valid"; every rejection and
// every issue is Rust's). A seeded differential fuzz over mutated fixtures and payloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import * as lib from 'handinger-wasm';
import { fastParse, parseFast, takeDeclined } from '../../js/fast-path.js';
import { payload } from '../../bench/payloads.mjs';

const names = ['seed-example', 'multi-turn-error', 'pending-task', 'running-task'];
const fixtures = names.map((n) => readFileSync(new URL(`../fixtures/${n}.json`, import.meta.url), 'utf8'));
const sources = [...fixtures, payload(3000), payload(9000)];

/** Rust's verdict: the object route is the tree validator in wasm, no fast path. */
function rust(text, strict) {
  return lib.safeParseTaskWithTurns(JSON.parse(text), { strict });
}

// A small seeded PRNG (mulberry32): the same cases on every run, so a failure reproduces.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIMES = [
  '2026-05-11T09:14:48.000Z', '2026-05-11T09:14:48Z', '2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z',
  '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-04-30T23:59:59.999999999Z', '2016-12-31T23:59:60Z',
  '2026-05-11t09:14:48z', '2026-05-11T09:14:48+02:00', '2026-05-11T09:14:48.Z', '2026-05-11T09:14:48',
  '2026-13-01T00:00:00Z', '2026-00-01T00:00:00Z', '2026-05-00T00:00:00Z', '2026-05-11T24:00:00Z',
  '2026-05-11T09:60:00Z', '2026-05-11 09:14:48Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z',
  '2026-05-11T09:14:48.1234567890123Z', '2026-05-11T09:14:4a.000Z', '２026-05-11T09:14:48Z', '',
  '2026-05-11T09:14:48.000ZZ', ' 2026-05-11T09:14:48Z', '2026-5-11T09:14:48Z',
];
const URLS = [
  'https://v3.handinger.com/worker/w/task/t', 'http://localhost:3000/x', 'https://127.0.0.1:65535/',
  'https://x.io:65536/', 'https://x.io:0', 'https://x.io:', 'HTTPS://x.io/', 'https://u@x.io/', 'https://[::1]/',
  'https://x.io/a b', 'https://x.io/a\u00a0b', 'https://x.io/\u0085', 'https://exämple.com/', 'ftp://x.io/',
  'https://', 'https:///x', '//x.io', '/worker/w', 'https://x.io?q=1#f', 'https://x.io#f', 'https://-.-/',
  'https://x.io:8080:90/', 'javascript:alert(1)', 'https://x.io/\t', 'https://x_y.io/~a?b=%20',
];
const ENUMS = ['pending', 'running', 'completed', 'error', 'aborted', 'api', 'email', 'schedule', 'ui', 'Completed', 'paused', ''];
const NUMBERS = [0, -0, 1, 1.5, -1, 2 ** 53 - 1, 2 ** 53, 1e21, 1e308, 0.1, 3];
const OTHERS = [null, true, false, 'x', '1842', [], [1], {}, { a: 1 }];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

/** A value to try in field `key`: mostly one of the field's own kind, near its edges. */
function value(r, key = '') {
  const own = r() < 0.7;
  if (own && key.endsWith('At')) return pick(r, TIMES);
  if (own && key === 'url') return pick(r, URLS);
  if (own && (key === 'status' || key === 'triggeredBy')) return pick(r, ENUMS);
  if (own && /credits|Ms|Tokens|seq|Count/.test(key)) return pick(r, NUMBERS);
  const kind = r();
  if (kind < 0.3) return pick(r, TIMES);
  if (kind < 0.45) return pick(r, URLS);
  if (kind < 0.6) return pick(r, ENUMS);
  if (kind < 0.85) return pick(r, NUMBERS);
  return structuredClone(pick(r, OTHERS));
}

/** One random change to a parsed payload: a field set to an odd value, or deleted. */
function mutate(obj, r) {
  const targets = [obj, obj.task, obj.task?.totals, ...(Array.isArray(obj.turns) ? obj.turns : [])].filter((t) => t && typeof t === 'object');
  const target = pick(r, targets);
  const keys = Object.keys(target);
  const key = pick(r, keys.length ? keys : ['x']);
  if (r() < 0.1) delete target[key];
  else target[key] = value(r, key);
}

/** Text-level changes JSON.stringify cannot make: number spellings, duplicate keys. */
function retype(text, r) {
  const kind = r();
  if (kind < 0.25) return text.replace(/"(seq|inputTokens|turnCount|credits)":(\d+)/, (_, k) => `"${k}":${pick(r, ['1e400', '-0', '0.0', '1E0', '-1e-400', '9007199254740993', '1.0000000000000001'])}`);
  if (kind < 0.5) return text.replace(/"(status|completedAt|url)":/, (m, k) => `"${k}":${JSON.stringify(value(r))},${m}`);
  if (kind < 0.6) return text.replace(/"(id|title)":"/, (m) => `${m}\\u00e9\\ud800`);
  return text;
}

function agree(text, strict, counts, label) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    assert.equal(fastParse(text, strict), undefined, `${label}: invalid JSON accepted`);
    return;
  }
  const fast = fastParse(text, strict);
  const slow = rust(text, strict);
  if (fast === undefined) {
    counts.declined++;
    if (slow.success) counts.declinedValid++;
    return;
  }
  counts.accepted++;
  assert.ok(slow.success, `${label}: the fast path accepted what Rust rejects (${slow.success || slow.error.issues.map((i) => i.message).join('; ')})\n${text.slice(0, 400)}`);
  assert.deepEqual(fast, slow.data, `${label}: the fast path read it differently`);
  void parsed;
}

test('whatever the fast path accepts, the Rust validator accepts and reads the same (seeded fuzz)', () => {
  const r = rng(Number(process.env.FAST_PATH_SEED ?? 20261204));
  const counts = { accepted: 0, declined: 0, declinedValid: 0 };
  const cases = Number(process.env.FAST_PATH_CASES ?? 6000);
  for (let i = 0; i < cases; i++) {
    const base = JSON.parse(pick(r, sources));
    const changes = Math.floor(r() * 3);
    for (let c = 0; c < changes; c++) mutate(base, r);
    const text = retype(JSON.stringify(base), r);
    const strict = r() < 0.5;
    agree(text, strict, counts, `case ${i} (strict: ${strict})`);
  }
  // Not vacuous: both verdicts occur often, and valid inputs the fast path leaves to Rust too.
  assert.ok(counts.accepted > cases / 6, `accepted only ${counts.accepted}`);
  assert.ok(counts.declined > cases / 6, `declined only ${counts.declined}`);
  assert.ok(counts.declinedValid > cases / 600, `declined only ${counts.declinedValid} valid inputs`);
});

test('the fast path accepts the API\'s own payloads (else it would be slow, not wrong)', () => {
  for (const text of sources) {
    for (const strict of [true, false]) assert.notEqual(fastParse(text, strict), undefined);
    assert.notEqual(fastParse(new TextEncoder().encode(text), true), undefined);
  }
});

test('bytes are read as response.json() reads them: BOM dropped, bad UTF-8 as U+FFFD, agreeing with Rust', () => {
  const text = fixtures[0];
  const enc = new TextEncoder();
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]);
  assert.deepEqual(fastParse(bom, true), JSON.parse(text));
  const at = text.search(/"title": *"/) + text.match(/"title": *"/)[0].length;
  const bad = new Uint8Array([...enc.encode(text.slice(0, at)), 0xff, 0xc3, ...enc.encode(text.slice(at))]);
  const fast = fastParse(bad, true);
  const slow = lib.safeParseTaskWithTurns(bad, { strict: true });
  assert.ok(slow.success);
  assert.deepEqual(fast, slow.data);
  assert.match(fast.task.title, /^\ufffd\ufffd/);
});

test('a polluted Object.prototype cannot make an absent field look present', () => {
  const obj = JSON.parse(fixtures[0]);
  delete obj.task.status;
  delete obj.task.completedAt;
  const text = JSON.stringify(obj);
  Object.prototype.status = 'completed';
  Object.prototype.completedAt = '2026-05-11T09:14:48.000Z';
  try {
    assert.equal(fastParse(text, true), undefined);
    const r = lib.safeParseTaskWithTurns(text);
    assert.equal(r.success, false);
    assert.deepEqual(r.error.issues.map((i) => i.path), ['task.status']);
  } finally {
    delete Object.prototype.status;
    delete Object.prototype.completedAt;
  }
});

test('valid text and bytes take the fast path: wasm memory does not grow for a 24 MB payload', () => {
  const require = createRequire(import.meta.url);
  const wasm = require(join(dirname(require.resolve('handinger-wasm')), 'handinger_wasm.js')).__wasm;
  assert.ok(wasm?.memory, 'the Node CommonJS glue exposes its wasm exports');
  const text = payload(24_000_000);
  const before = wasm.memory.buffer.byteLength;
  assert.equal(lib.parseTaskWithTurns(text).turns.length > 1000, true);
  assert.equal(lib.parseTaskWithTurns(new TextEncoder().encode(text)).task.id, 'tsk_bench');
  assert.ok(wasm.memory.buffer.byteLength < before + 8_000_000, `wasm memory grew from ${before} to ${wasm.memory.buffer.byteLength}`);
});

test("a declined parse is kept for the core from text and bodies, never from the caller's bytes", () => {
  const offset = fixtures[0].replace('"createdAt": "2026-05-11T09:14:22.000Z"', '"createdAt": "2026-05-11T11:14:22.000+02:00"');
  assert.notEqual(offset, fixtures[0]);
  // Text: kept, for that same text only, once.
  assert.equal(parseFast(offset), undefined);
  assert.equal(takeDeclined(offset + ' '), undefined);
  assert.equal(parseFast(offset), undefined);
  const kept = takeDeclined(offset);
  assert.deepEqual(kept, JSON.parse(offset));
  assert.equal(takeDeclined(offset), undefined);
  // A body the core holds (fetchTask): kept under that view.
  const body = new TextEncoder().encode(offset);
  assert.equal(fastParse(body, true), undefined);
  assert.deepEqual(takeDeclined(body), JSON.parse(offset));
  // The caller's bytes may change before the core reads them: their parse is not kept, and
  // does not displace one that is.
  assert.equal(parseFast(offset), undefined);
  for (const bytes of [new TextEncoder().encode(offset), new TextEncoder().encode(offset).buffer]) {
    assert.equal(parseFast(bytes), undefined);
  }
  assert.deepEqual(takeDeclined(offset), JSON.parse(offset));
});
