// Odd options, a polluted Object.prototype, and built-ins a page script swaps after import:
// the parse helpers give the verdict and the data the wasm core would, whichever path runs.
// (Found by an attack round on the JS fast path, js/fast-path.js.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import * as lib from 'handinger-wasm';
import { tamperingCases } from '../shared/tampering-cases.mjs';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const edit = (f) => { const o = JSON.parse(seed); f(o); return JSON.stringify(o); };
const core = (text, strict = true) => lib.safeParseTaskWithTurns(JSON.parse(text), { strict }); // tree validator, no fast path

test('a function as options is rejected, as the core rejects it', () => {
  const r = lib.safeParseTaskWithTurns(seed, () => {});
  assert.equal(core(seed).success, true);
  assert.equal(lib.safeParseTaskWithTurns(JSON.parse(seed), () => {}).success, false); // core: "options: expected an object"
  assert.equal(r.success, false, 'fast path accepted options the core rejects');
});

test('a Proxy options object: strict is read as the core reads it ([[Get]])', () => {
  const text = edit((o) => { o.task.status = 'paused'; });
  const opts = new Proxy({}, {
    getOwnPropertyDescriptor: () => ({ value: false, writable: true, enumerable: true, configurable: true }),
    get: () => true,
  });
  assert.equal(lib.safeParseTaskWithTurns(JSON.parse(text), opts).success, false); // core: strict read as true
  assert.equal(lib.safeParseTaskWithTurns(text, opts).success, false, 'fast path used strict=false');
});

test('a missing nullable field reads as null (own property) even with Object.prototype polluted', async () => {
  const text = edit((o) => { delete o.task.completedAt; delete o.turns[0].structuredOutput; });
  Object.prototype.completedAt = 'evil';
  Object.prototype.structuredOutput = 'evil';
  try {
    for (const input of [text, new TextEncoder().encode(text)]) {
      const r = lib.safeParseTaskWithTurns(input);
      if (r.success) {
        assert.equal(Object.hasOwn(r.data.task, 'completedAt'), true, 'task.completedAt not filled');
        assert.equal(r.data.task.completedAt, null);
        assert.equal(r.data.turns[0].structuredOutput, null);
      }
    }
    const data = await lib.fetchTask('t', { apiKey: 'secret-key', maxRetries: 0, fetch: async () => new Response(text) });
    assert.equal(data.task.completedAt, null, 'fetchTask returned the polluted value');
  } finally {
    delete Object.prototype.completedAt;
    delete Object.prototype.structuredOutput;
  }
});

test('the core path uses JSON.parse and Array.isArray as they were at load', () => {
  const offset = edit((o) => { o.task.createdAt = '2026-05-11T11:14:22+02:00'; delete o.turns[0].completedAt; }); // fast path declines
  const parse = JSON.parse;
  JSON.parse = () => ({ not: 'a task' });
  let r;
  try { r = lib.safeParseTaskWithTurns(offset); } finally { JSON.parse = parse; }
  assert.deepEqual(Object.keys(r.data ?? {}).sort(), ['task', 'turns'], 'core returned what the swapped JSON.parse built, unvalidated');

  const isArray = Array.isArray;
  Array.isArray = () => false;
  try { r = lib.safeParseTaskWithTurns(offset); } finally { Array.isArray = isArray; }
  assert.equal(r.data.turns[0].completedAt, null, 'turn nulls not filled');
});

// The cases shared with Chromium.
const require = createRequire(import.meta.url);
const raw = require(join(dirname(require.resolve('handinger-wasm')), 'handinger_wasm.js')); // the core, no fast path
const ctx = vm.createContext({});
const realmOf = {
  'vm Uint8Array': (t) => { const b = new TextEncoder().encode(t); const u = vm.runInContext(`new Uint8Array(${b.length})`, ctx); u.set(b); return u; },
  'vm ArrayBuffer': (t) => { const b = new TextEncoder().encode(t); const u = vm.runInContext(`new Uint8Array(${b.length})`, ctx); u.set(b); return u.buffer; },
  'vm object': (t) => vm.runInContext(`JSON.parse(${JSON.stringify(t)})`, ctx),
};

for (const [name, run] of Object.entries(tamperingCases(lib, raw, seed, { realmOf }))) {
  test(name, () => assert.equal(run(), null));
}

test('a valid ArrayBuffer with an own Symbol.toStringTag is accepted whether or not the fast path settles it', () => {
  const tagged = (t) => { const ab = new TextEncoder().encode(t).buffer; Object.defineProperty(ab, Symbol.toStringTag, { value: 'X' }); return ab; };
  const o = JSON.parse(seed);
  o.task.createdAt = o.task.createdAt.replace(/(\.\d+)?Z$/, '+00:00'); // valid RFC 3339: the fast path declines
  assert.equal(lib.safeParseTaskWithTurns(tagged(seed)).success, true);
  const r = lib.safeParseTaskWithTurns(tagged(JSON.stringify(o)));
  assert.equal(r.success, true, r.error?.message);
});
