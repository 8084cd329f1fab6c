// Validation-helper cases through the built package, shared by the Node test
// (tests/js/validate.test.mjs) and the Chromium test (tests/browser/validate.test.mjs).
// Each case is { name, run() } and throws on failure; a tiny assert keeps it runtime-free.
//
// `lib` is the package; `fixtures` the fixture texts (first one: the seed example).

export function validationCases(lib, fixtures) {
  const { ValidationError, checkTaskConsistency, parseTaskWithTurns, safeParseTaskWithTurns } = lib;
  const seedText = fixtures[0];
  const seed = () => JSON.parse(seedText);
  const codes = (r) => (r.success ? [] : r.error.issues.map((i) => `${i.path}:${i.code}`).sort());
  const same = (a, b, what = '') => {
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    if (x !== y) throw new Error(`${what}\n  actual:   ${x?.slice(0, 600)}\n  expected: ${y?.slice(0, 600)}`);
  };
  const ok = (cond, what) => {
    if (!cond) throw new Error(what);
  };
  const throws = (fn, check, what) => {
    try {
      fn();
    } catch (e) {
      return ok(check(e), `${what}: wrong error ${e?.name}: ${e?.message}`);
    }
    throw new Error(`${what}: did not throw`);
  };
  const jsonOk = (text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  const byTask = (needle) => JSON.parse(fixtures.find((f) => f.includes(needle)));

  const cases = [];
  const add = (name, run) => cases.push({ name, run });

  add('every fixture parses, from text and from an object, to what JSON.parse gives', () => {
    for (const text of fixtures) {
      same(parseTaskWithTurns(text), JSON.parse(text));
      const obj = JSON.parse(text);
      ok(parseTaskWithTurns(obj) === obj, 'a complete object is returned as is');
    }
  });

  add('all issues at once, with paths, codes and messages naming expected and received', () => {
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
    const asText = JSON.stringify(t, (k, v) => (v === Infinity ? '__inf__' : v)).replace('"__inf__"', '1e999');
    for (const input of [t, asText]) {
      const r = safeParseTaskWithTurns(input);
      ok(r.success === false && r.error instanceof ValidationError, 'fails with a ValidationError');
      same(codes(r), [
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
      same(msg('turns[0].inputTokens'), 'turns[0].inputTokens: expected a non-negative integer, received string "1842"');
      same(msg('task.status'), 'task.status: expected one of "pending" | "running" | "completed" | "error" | "aborted", received string "paused"');
      same(msg('task.title'), 'task.title: expected a string, but the field is missing');
      throws(() => parseTaskWithTurns(input), (e) => e instanceof ValidationError && e.issues.length === 10, 'parse throws');
    }
  });

  add('strict: false lets unknown enum values through, and nothing else', () => {
    const t = seed();
    t.task.status = 'paused';
    t.task.triggeredBy = 'webhook';
    ok(safeParseTaskWithTurns(t).success === false, 'strict is the default');
    same(parseTaskWithTurns(t, { strict: false }).task.status, 'paused');
    t.task.status = 7;
    same(codes(safeParseTaskWithTurns(t, { strict: false })), ['task.status:invalid_type']);
    throws(() => parseTaskWithTurns(seedText, { strict: 'yes' }), (e) => /options.strict: expected a boolean/.test(e.message), 'bad option');
  });

  add('missing nullable fields read as null; object input is never mutated', () => {
    const t = seed();
    delete t.task.completedAt;
    delete t.turns[0].structuredOutput;
    const before = JSON.stringify(t);
    const out = parseTaskWithTurns(t);
    ok(out.task.completedAt === null && out.turns[0].structuredOutput === null, 'nulls filled');
    same(JSON.stringify(t), before, 'input untouched');
    ok(!('completedAt' in t.task), 'input untouched');
    ok(parseTaskWithTurns(JSON.stringify(t)).task.completedAt === null, 'nulls filled from text');
  });

  add('unknown fields are kept, however deep', () => {
    const t = seed();
    t.extra = { a: [1, { b: null }] };
    t.turns[0].toolCalls = [{ name: 'x' }];
    same(parseTaskWithTurns(t).extra, t.extra);
    const text = JSON.stringify(t);
    same(parseTaskWithTurns(text), JSON.parse(text));
    const deep = seedText.replace('"conditions": "bar"', `"conditions": ${'['.repeat(100000)}${']'.repeat(100000)}`);
    ok(safeParseTaskWithTurns(deep).success, '100k levels of nesting inside structuredOutput');
  });

  add('invalid JSON is one invalid_json issue with line and column', () => {
    const r = safeParseTaskWithTurns(seedText.slice(0, 200));
    same(codes(r), [':invalid_json']);
    ok(/^invalid JSON at line 7, column 19: /.test(r.error.issues[0].message), r.error.issues[0].message);
    for (const bad of ['', '<html>', '{"task": 1,}', '\ufeff{}', 'NaN']) same(codes(safeParseTaskWithTurns(bad)), [':invalid_json'], JSON.stringify(bad));
  });

  const cyclic = seed();
  cyclic.turns[0].structuredOutput.self = cyclic;
  cyclic.self = cyclic;
  const trap = new Proxy(seed(), {
    get: (t, k) => {
      if (k === 'turns') throw new Error('trap');
      return t[k];
    },
  });
  const hostile = [
    ['null', null, false],
    ['undefined', undefined, false],
    ['a Symbol', Symbol('s'), false],
    ['a bigint', 10n, false],
    ['a number', 42, false],
    ['an array', [], false],
    ['a function', () => {}, false],
    ['a cyclic object (cycles outside the schema)', cyclic, true],
    ['a Proxy whose getter throws', trap, false],
    ['lone surrogates in strings', seedText.replace('Barcelona"', 'Barcelona\\ud800"').replace('"bar"', '"\udc00"'), true],
    ['1e400 inside structuredOutput', seedText.replace('"bar"', '1e400'), true],
    ['1e400 as a count', seedText.replace('"seq": 0', '"seq": 1e400'), false],
    ['-0 as a count', seedText.replace('"seq": 0', '"seq": -0'), true],
    ['duplicate keys, last one valid', seedText.replace('"title":', '"title": 5, "title":'), true],
    ['duplicate keys, last one invalid', seedText.replace('"title": "Weather report for Barcelona"', '"title": "x", "title": null'), false],
    ['a 50 MB string', `"${'x'.repeat(50 * 1024 * 1024)}"`, false],
    ['a 50 MB title', seedText.replace('Weather report', 'y'.repeat(50 * 1024 * 1024)), true],
  ];
  for (const [name, input, valid] of hostile) {
    add(`hostile input: ${name}`, () => {
      const r = safeParseTaskWithTurns(input);
      ok(r.success === valid, r.success ? 'unexpectedly valid' : r.error.message.slice(0, 300));
      if (!valid) ok(r.error instanceof ValidationError && r.error.issues.length > 0, 'typed error with issues');
      if (typeof input === 'string') same(!codes(r).includes(':invalid_json'), jsonOk(input), 'syntax verdict agrees with JSON.parse');
      same(parseTaskWithTurns(seedText).task.id, 'tsk_2Z-YWz3hFq6VlW', 'the instance still works');
    });
  }

  // Long text is copied into wasm in pieces (64 Ki code units in Node): a surrogate pair, a
  // lone surrogate or a non-ASCII character at every position around a piece boundary must
  // read exactly as JSON.parse reads it.
  add('long strings: characters straddling the copy boundaries read as JSON.parse reads them', () => {
    const prefixLen = seedText.indexOf('Weather report');
    for (const boundary of [65536, 131072]) {
      for (let at = boundary - 3; at <= boundary + 1; at++) {
        for (const piece of ['😀', '\ud83d', '\ude00', 'é', '\ud83dx']) {
          const title = 'a'.repeat(at - prefixLen) + piece + 'b'.repeat(40);
          const text = seedText.replace('Weather report for Barcelona', title);
          const r = safeParseTaskWithTurns(text);
          ok(r.success, r.success ? '' : r.error.message.slice(0, 200));
          same(r.data.task.title, JSON.parse(text).task.title, `${JSON.stringify(piece)} at ${at}`);
        }
      }
    }
  });

  add('long strings: text and object routes report the same issue at the copy boundaries', () => {
    // An invalid triggeredBy is echoed in its issue: placed right at a boundary, any unit the
    // piecewise copy lost, doubled or mis-paired would show up in the message.
    for (const boundary of [65536, 131072]) {
      for (let at = boundary - 3; at <= boundary + 1; at++) {
        for (const piece of ['😀', '\ud83d', '\ude00', 'é', '\ud83dx']) {
          const draft = seedText.replace('"triggeredBy": "api"', `"triggeredBy": "${piece}z"`);
          const pad = at - (draft.indexOf(`"triggeredBy": "${piece}`) + '"triggeredBy": "'.length);
          const text = draft.replace('Weather report for Barcelona', 'a'.repeat(28 + pad));
          const fromText = safeParseTaskWithTurns(text, { strict: true });
          const fromObject = safeParseTaskWithTurns(JSON.parse(text), { strict: true });
          same(fromText.error.issues, fromObject.error.issues, `${JSON.stringify(piece)} at ${at}`);
        }
      }
    }
  });

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
    if (p.length === 0) return;
    const parent = p.slice(0, -1).reduce((v, k) => v[k], obj);
    const key = p.at(-1);
    if (rand(4) === 0) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else parent[key] = structuredClone(values[rand(values.length)]);
  };

  add('differential: 2000 mutated fixtures give the same issues from text and from the object', () => {
    for (let i = 0; i < 2000; i++) {
      const obj = JSON.parse(fixtures[rand(fixtures.length)]);
      for (let m = rand(4) + 1; m > 0; m--) mutate(obj);
      const strict = rand(2) === 0;
      const text = JSON.stringify(obj);
      same(codes(safeParseTaskWithTurns(text, { strict })), codes(safeParseTaskWithTurns(JSON.parse(text), { strict })), text);
    }
  });

  add('differential: 2000 corrupted texts are invalid_json exactly when JSON.parse throws', () => {
    const junk = ['"', '{', '}', '[', ']', ',', ':', '\\', '\\u12', '1e', '-', 'tru', ' ', '\n', '\u0001', '\ud800', '01', 'null'];
    for (let i = 0; i < 2000; i++) {
      const base = fixtures[rand(fixtures.length)];
      const at = rand(base.length + 1);
      const cut = rand(3);
      const text = cut === 0 ? base.slice(0, at) : base.slice(0, at) + junk[rand(junk.length)] + base.slice(at + (cut === 2 ? 1 : 0));
      const r = safeParseTaskWithTurns(text);
      const parses = jsonOk(text);
      same(!codes(r).includes(':invalid_json'), parses, JSON.stringify(text.slice(Math.max(0, at - 20), at + 20)));
      if (parses) same(codes(r), codes(safeParseTaskWithTurns(JSON.parse(text))));
    }
  });

  add('checkTaskConsistency: fixtures are consistent', () => {
    for (const text of fixtures) same(checkTaskConsistency(JSON.parse(text)), []);
  });

  add('checkTaskConsistency: each kind of inconsistency', () => {
    const t = byTask('tsk_mt-77aa');
    t.task.totals.turnCount = 2;
    t.turns[1].seq = 0;
    t.turns[2].taskId = 'tsk_other';
    t.turns[2].completedAt = '2026-06-01T08:00:00Z';
    same(checkTaskConsistency(t).map((i) => `${i.path}:${i.code}`), [
      'task.totals.turnCount:turn_count_mismatch',
      'turns[1].seq:duplicate_seq',
      'turns[2].taskId:task_id_mismatch',
      'turns[2].completedAt:completed_before_start',
    ]);
    const done = seed();
    done.task.completedAt = null;
    same(checkTaskConsistency(done).map((i) => i.code), ['missing_completed_at']);
    const running = byTask('"running"');
    running.task.completedAt = '2026-05-12T10:05:00Z';
    same(checkTaskConsistency(running).map((i) => i.code), ['unexpected_completed_at']);
    throws(() => checkTaskConsistency({ task: 1 }), (e) => e instanceof ValidationError, 'not a TaskWithTurns');
  });

  return cases;
}
