// A valid payload the fast path declines (here: an offset timestamp) is parsed once, not
// twice: once the core's validator accepts it, the core takes the fast path's own parse
// (js/fast-path.js takeDeclined). Counted with a JSON.parse wrapper in place while the
// package loads, since the package keeps the JSON.parse it finds at load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const realParse = JSON.parse;
let parses = 0;
JSON.parse = function countingParse(...args) {
  parses++;
  return Reflect.apply(realParse, this, args);
};
const lib = await import('handinger-wasm');
JSON.parse = realParse; // from here on, only the package's calls are counted

const fixture = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const declined = fixture.replace('"createdAt": "2026-05-11T09:14:22.000Z"', '"createdAt": "2026-05-11T11:14:22.000+02:00"');
const expected = realParse(declined);

function counted(fn) {
  parses = 0;
  const out = fn();
  return { out, parses };
}

test('the payload is valid, and one the fast path declines', () => {
  assert.notEqual(declined, fixture);
  // Through the object route (no fast path, no JSON.parse of ours): valid.
  assert.equal(lib.safeParseTaskWithTurns(structuredClone(expected)).success, true);
});

test('parseTaskWithTurns and safeParseTaskWithTurns parse declined valid text once', () => {
  const a = counted(() => lib.parseTaskWithTurns(declined));
  assert.equal(a.parses, 1);
  assert.deepEqual(a.out, expected);
  const b = counted(() => lib.safeParseTaskWithTurns(declined, { strict: false }));
  assert.equal(b.parses, 1);
  assert.deepEqual(b.out, { success: true, data: expected });
  // Each call returns its own object.
  assert.notEqual(lib.parseTaskWithTurns(declined), lib.parseTaskWithTurns(declined));
});

test('a missing nullable field still reads as null when the core takes the declined parse', () => {
  const withoutCompletedAt = declined.replace(/"completedAt": "[^"]*",/, '');
  assert.notEqual(withoutCompletedAt, declined);
  const { out, parses: n } = counted(() => lib.parseTaskWithTurns(withoutCompletedAt));
  assert.equal(n, 1);
  assert.equal(Object.hasOwn(out.task, 'completedAt'), true);
  assert.equal(out.task.completedAt, null);
});

test('invalid text is parsed once and reported; the next call is unaffected', () => {
  const invalid = declined.replace('"turnCount": 1', '"turnCount": "1"');
  assert.notEqual(invalid, declined);
  const { out, parses: n } = counted(() => lib.safeParseTaskWithTurns(invalid));
  assert.equal(n, 1);
  assert.equal(out.success, false);
  assert.deepEqual(out.error.issues.map((i) => i.path), ['task.totals.turnCount']);
  assert.deepEqual(lib.parseTaskWithTurns(declined), expected);
});

test('options that change between the fast path and the core: the declined parse is dropped, the result still right', () => {
  let reads = 0;
  const options = {
    get strict() {
      reads++;
      if (reads === 2) throw new Error('second read');
      return true;
    },
  };
  const out = lib.safeParseTaskWithTurns(declined, options);
  assert.equal(out.success, false);
  assert.match(out.error.message, /options\.strict: reading it threw/);
  assert.deepEqual(lib.parseTaskWithTurns(declined), expected);
});

test("fetchTask parses a declined valid body once", async (t) => {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(declined);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  parses = 0;
  const task = await lib.fetchTask('tsk_once', { baseUrl, apiKey: 'key_test', maxRetries: 0 });
  assert.equal(parses, 1);
  assert.deepEqual(task, expected);
});
