// The validation helpers through the built package: every rule and code, text and object
// input, hostile input, and a differential check against JSON.parse as the arbiter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  ValidationError,
  checkTaskConsistency,
  isTerminalStatus,
  parseTaskWithTurns,
  safeParseTaskWithTurns,
} from 'handinger-wasm';

const dir = new URL('../fixtures/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(new URL(f, dir), 'utf8'));
const seedText = readFileSync(new URL('seed-example.json', dir), 'utf8');
const seed = () => JSON.parse(seedText);
const codes = (r) => (r.success ? [] : r.error.issues.map((i) => `${i.path}:${i.code}`).sort());

describe('parseTaskWithTurns / safeParseTaskWithTurns', () => {
  test('every fixture parses, from text and from an object, to what JSON.parse gives', () => {
    for (const text of fixtures) {
      assert.deepEqual(parseTaskWithTurns(text), JSON.parse(text));
      const obj = JSON.parse(text);
      assert.equal(parseTaskWithTurns(obj), obj, 'a complete object is returned as is');
    }
  });

  test('all issues at once, with paths, codes and messages naming expected and received', () => {
    const t = seed();
    t.task.totals.turnCount = -1;
    t.task.status = 'paused';
    t.task.url = '/relative';
    t.task.createdAt = '2026-05-11 09:14:22';
    delete t.task.title;
    t.turns[0].inputTokens = '1842';
    t.turns[0].seq = 1.5;
    t.turns[0].outputTokens = 2 ** 53;
    t.turns[0].credits = Infinity;
    t.turns[0].structuredOutput = [];
    for (const input of [t, JSON.stringify(t, (k, v) => (v === Infinity ? '__inf__' : v)).replace('"__inf__"', '1e999')]) {
      const r = safeParseTaskWithTurns(input);
      assert.equal(r.success, false);
      assert.ok(r.error instanceof ValidationError);
      assert.deepEqual(codes(r), [
        'task.createdAt:invalid_datetime',
        'task.status:invalid_enum_value',
        'task.title:missing_field',
        'task.totals.turnCount:negative',
        'task.url:invalid_url',
        'turns[0].credits:not_finite',
        'turns[0].inputTokens:invalid_type',
        'turns[0].outputTokens:too_large',
        'turns[0].seq:not_integer',
        'turns[0].structuredOutput:invalid_type',
      ]);
      const msg = (p) => r.error.issues.find((i) => i.path === p).message;
      assert.equal(msg('turns[0].inputTokens'), 'turns[0].inputTokens: expected a non-negative integer, received string "1842"');
      assert.match(msg('task.status'), /expected one of "pending" \| "running" \| "completed" \| "error" \| "aborted", received string "paused"/);
      assert.throws(() => parseTaskWithTurns(input), (e) => e instanceof ValidationError && e.issues.length === 10);
    }
  });

  test('strict: false lets unknown enum values through (and nothing else)', () => {
    const t = seed();
    t.task.status = 'paused';
    t.task.triggeredBy = 'webhook';
    assert.equal(safeParseTaskWithTurns(t).success, false);
    assert.equal(parseTaskWithTurns(t, { strict: false }).task.status, 'paused');
    t.task.status = 7;
    assert.deepEqual(codes(safeParseTaskWithTurns(t, { strict: false })), ['task.status:invalid_type']);
    assert.throws(() => parseTaskWithTurns(seedText, { strict: 'yes' }), /options.strict: expected a boolean/);
  });

  test('missing nullable fields read as null; object input is never mutated', () => {
    const t = seed();
    delete t.task.completedAt;
    delete t.turns[0].structuredOutput;
    const before = JSON.stringify(t);
    const out = parseTaskWithTurns(t);
    assert.equal(out.task.completedAt, null);
    assert.equal(out.turns[0].structuredOutput, null);
    assert.equal(JSON.stringify(t), before);
    assert.ok(!('completedAt' in t.task));
    const fromText = parseTaskWithTurns(JSON.stringify(t));
    assert.equal(fromText.task.completedAt, null);
  });

  test('unknown fields are kept, however deep', () => {
    const t = seed();
    t.extra = { a: [1, { b: null }] };
    t.turns[0].toolCalls = [{ name: 'x' }];
    let deep = {};
    const root = deep;
    for (let i = 0; i < 1000; i++) deep = deep.d = {};
    t.turns[0].structuredOutput.deep = root;
    assert.deepEqual(parseTaskWithTurns(t).extra, t.extra);
    const text = JSON.stringify(t);
    const parsed = parseTaskWithTurns(text);
    assert.deepEqual(parsed.turns[0].toolCalls, [{ name: 'x' }]);
    assert.deepEqual(parsed, JSON.parse(text));
  });

  test('invalid JSON is one invalid_json issue with line and column', () => {
    const r = safeParseTaskWithTurns(seedText.slice(0, 200));
    assert.deepEqual(codes(r), [':invalid_json']);
    assert.match(r.error.issues[0].message, /^invalid JSON at line 7, column 19: /);
    for (const bad of ['', '<html>', '{"task": 1,}', '\ufeff{}', 'NaN']) {
      assert.deepEqual(codes(safeParseTaskWithTurns(bad)), [':invalid_json'], JSON.stringify(bad));
    }
  });
});

describe('hostile input: typed errors, never a panic, a hang or a poisoned instance', () => {
  const cyclic = seed();
  cyclic.turns[0].structuredOutput.self = cyclic;
  cyclic.self = cyclic;
  const throwing = new Proxy(seed(), { get: (t, k) => (k === 'turns' ? (() => { throw new Error('trap'); })() : t[k]) });
  const deepText = seedText.replace('"conditions": "bar"', `"conditions": ${'['.repeat(100000)}${']'.repeat(100000)}`);
  const cases = [
    ['null', null, false],
    ['undefined', undefined, false],
    ['a Symbol', Symbol('s'), false],
    ['a bigint', 10n, false],
    ['a number', 42, false],
    ['an array', [], false],
    ['a function', () => {}, false],
    ['a cyclic object (cycles outside the schema)', cyclic, true],
    ['a Proxy whose getter throws', throwing, false],
    ['lone surrogates in strings', seedText.replace('Barcelona"', 'Barcelona\\ud800"').replace('"bar"', '"\udc00"'), true],
    ['1e400 inside structuredOutput', seedText.replace('"bar"', '1e400'), true],
    ['1e400 as a count', seedText.replace('"seq": 0', '"seq": 1e400'), false],
    ['-0 as a count', seedText.replace('"seq": 0', '"seq": -0'), true],
    ['duplicate keys, last one valid', seedText.replace('"title":', '"title": 5, "title":'), true],
    ['duplicate keys, last one invalid', seedText.replace('"title": "Weather report for Barcelona"', '"title": "x", "title": null'), false],
    ['deeply nested structuredOutput (100k levels)', deepText, true],
    ['a 50 MB string', `"${'x'.repeat(50 * 1024 * 1024)}"`, false],
    ['a 50 MB title', seedText.replace('Weather report', 'y'.repeat(50 * 1024 * 1024)), true],
  ];
  for (const [name, input, ok] of cases) {
    test(name, () => {
      const r = safeParseTaskWithTurns(input);
      assert.equal(r.success, ok, r.success ? '' : r.error.message.slice(0, 300));
      if (!ok) assert.ok(r.error instanceof ValidationError && r.error.issues.length > 0);
      if (typeof input === 'string') {
        let jsOk = true;
        try {
          JSON.parse(input);
        } catch {
          jsOk = false;
        }
        assert.equal(!codes(r).includes(':invalid_json'), jsOk, 'JSON syntax verdict agrees with JSON.parse');
      }
      // The instance still works after whatever happened.
      assert.equal(parseTaskWithTurns(seedText).task.id, 'tsk_2Z-YWz3hFq6VlW');
    });
  }
});

describe('differential: text and object routes agree, JSON.parse is the arbiter', () => {
  // A small deterministic PRNG so a failure reproduces.
  let state = 0x9e3779b9;
  const rand = (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const values = [null, true, 0, -1, 1.5, 2 ** 53, 1e300, '', 'x', '2026-05-11T09:14:48Z', 'https://a.b/c', 'completed', [], {}, [1], { a: 1 }];
  const mutate = (obj) => {
    const paths = [];
    const walk = (v, p) => {
      paths.push(p);
      if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...p, k]);
    };
    walk(obj, []);
    const p = paths[rand(paths.length)];
    if (p.length === 0) return obj;
    const parent = p.slice(0, -1).reduce((v, k) => v[k], obj);
    const key = p.at(-1);
    if (rand(4) === 0) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else parent[key] = structuredClone(values[rand(values.length)]);
    return obj;
  };

  test('2000 mutated fixtures: same issues from text and from the parsed object', () => {
    for (let i = 0; i < 2000; i++) {
      const obj = JSON.parse(fixtures[rand(fixtures.length)]);
      for (let m = rand(4) + 1; m > 0; m--) mutate(obj);
      const strict = rand(2) === 0;
      const text = JSON.stringify(obj);
      assert.deepEqual(codes(safeParseTaskWithTurns(text, { strict })), codes(safeParseTaskWithTurns(JSON.parse(text), { strict })), text);
    }
  });

  test('2000 corrupted texts: invalid_json exactly when JSON.parse throws', () => {
    const junk = ['"', '{', '}', '[', ']', ',', ':', '\\', '\\u12', '1e', '-', 'tru', ' ', '\n', '\u0001', '\ud800', '01', 'null'];
    for (let i = 0; i < 2000; i++) {
      const base = fixtures[rand(fixtures.length)];
      const at = rand(base.length + 1);
      const cut = rand(3);
      const text = cut === 0 ? base.slice(0, at) : base.slice(0, at) + junk[rand(junk.length)] + base.slice(at + (cut === 2 ? 1 : 0));
      let parsed;
      let jsOk = true;
      try {
        parsed = JSON.parse(text);
      } catch {
        jsOk = false;
      }
      const r = safeParseTaskWithTurns(text);
      assert.equal(!codes(r).includes(':invalid_json'), jsOk, JSON.stringify(text.slice(Math.max(0, at - 20), at + 20)));
      if (jsOk) assert.deepEqual(codes(r), codes(safeParseTaskWithTurns(parsed)));
    }
  });
});

describe('checkTaskConsistency', () => {
  test('fixtures are consistent', () => {
    for (const text of fixtures) assert.deepEqual(checkTaskConsistency(JSON.parse(text)), []);
  });

  test('reports each kind of inconsistency', () => {
    const t = JSON.parse(fixtures.find((f) => f.includes('tsk_mt-77aa')));
    t.task.totals.turnCount = 2;
    t.turns[1].seq = 0;
    t.turns[2].taskId = 'tsk_other';
    t.turns[2].completedAt = '2026-06-01T08:00:00Z';
    assert.deepEqual(
      checkTaskConsistency(t).map((i) => `${i.path}:${i.code}`),
      ['task.totals.turnCount:turn_count_mismatch', 'turns[1].seq:duplicate_seq', 'turns[2].taskId:task_id_mismatch', 'turns[2].completedAt:completed_before_start'],
    );
    const done = seed();
    done.task.completedAt = null;
    assert.deepEqual(checkTaskConsistency(done).map((i) => i.code), ['missing_completed_at']);
    const running = JSON.parse(fixtures.find((f) => f.includes('"running"')));
    running.task.completedAt = '2026-05-12T10:05:00Z';
    assert.deepEqual(checkTaskConsistency(running).map((i) => i.code), ['unexpected_completed_at']);
  });

  test('throws ValidationError on input that is not a TaskWithTurns', () => {
    assert.throws(() => checkTaskConsistency({ task: 1 }), ValidationError);
    assert.throws(() => checkTaskConsistency('{}'), ValidationError);
  });

  test('isTerminalStatus of non-strings is false', () => {
    assert.equal(isTerminalStatus(undefined), false);
  });
});
