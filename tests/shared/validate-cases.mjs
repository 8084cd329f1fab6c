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

  add('a slip of `strict` is an invalid_option, not silently strict; other keys are the caller\'s', () => {
    const t = seed();
    t.task.status = 'paused';
    for (const input of [t, JSON.stringify(t), new TextEncoder().encode(JSON.stringify(t))]) {
      for (const slip of ['strcit', 'Strict', 'stric']) {
        const r = safeParseTaskWithTurns(input, { [slip]: false });
        same(r.success ? [] : r.error.issues.map((i) => `${i.path}:${i.code}`), [`options.${slip}:invalid_option`], slip);
        ok(/did you mean strict\?/.test(r.error.issues[0].message), r.error.issues[0].message);
      }
      same(parseTaskWithTurns(input, { strict: false, apiKey: 'k', timeoutMs: 5 }).task.status, 'paused', 'unrelated keys');
    }
  });

  add('a DataView or a wider typed array is an invalid_type, not read as an object', () => {
    const bytes = new TextEncoder().encode(seedText);
    for (const input of [new DataView(bytes.buffer), new Uint16Array(4), new Int8Array(bytes.buffer)]) {
      const r = safeParseTaskWithTurns(input);
      same(codes(r), [':invalid_type'], input.constructor.name);
      ok(/Uint8Array or ArrayBuffer/.test(r.error.message), r.error.message);
    }
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

  // ---------------------------------------------------------------------------------------
  // Audit additions: numbers, consistency codes one by one, bytes input, task ids and
  // statuses, hostile-text differentials, frozen input, and no poisoned instance.

  const encoder = new TextEncoder();
  /** `JSON.parse(new TextDecoder().decode(bytes))`: what the bytes route must read. */
  const decodeParse = (bytes) => JSON.parse(new TextDecoder().decode(bytes));
  /** Bytes from pieces: strings (as UTF-8) and arrays of raw byte values. */
  const bytesOf = (...parts) => {
    const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : Uint8Array.from(p)));
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) out.set(c, (at += c.length) - c.length);
    return out;
  };
  /** JSON with object keys sorted (own keys only: a key lost to a prototype shows up). */
  const canon = (value) =>
    JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
  /** `text` with the n-th (0-based) occurrence of `from` replaced; fails when there is none. */
  const edit = (text, from, to, n = 0) => {
    let at = -1;
    for (let i = 0; i <= n; i++) {
      at = text.indexOf(from, at + 1);
      ok(at >= 0, `fixture edit: ${JSON.stringify(from)} #${n} not found`);
    }
    return text.slice(0, at) + to + text.slice(at + from.length);
  };
  /** The same JSON text through each input route. */
  const routes = (text) => {
    const bytes = encoder.encode(text);
    const routes = [['text', text], ['Uint8Array', bytes], ['ArrayBuffer', bytes.slice().buffer]];
    let obj;
    try {
      obj = JSON.parse(text);
    } catch {
      return routes;
    }
    return [...routes, ['object', obj]];
  };
  /** Every route gives exactly `expected` (sorted "path:code" strings). */
  const expectCodes = (text, expected, what) => {
    for (const [route, input] of routes(text)) same(codes(safeParseTaskWithTurns(input)), [...expected].sort(), `${what} (${route})`);
  };
  const healthy = () => {
    same(parseTaskWithTurns(seedText).task.id, 'tsk_2Z-YWz3hFq6VlW', 'text still parses');
    same(parseTaskWithTurns(encoder.encode(seedText)).task.id, 'tsk_2Z-YWz3hFq6VlW', 'bytes still parse');
    same(safeParseTaskWithTurns(seed()).data.turns[0].seq, 0, 'objects still parse');
    same(checkTaskConsistency(seed()), [], 'checkTaskConsistency still works');
    same(lib.validateTaskId('tsk_ok'), 'tsk_ok', 'validateTaskId still works');
    same(lib.isTerminalStatus('completed'), true, 'isTerminalStatus still works');
  };

  add('credits: negative and non-finite values are reported in every route; -0, 0 and underflow pass', () => {
    const totals = (to) => edit(seedText, '"credits": 42', `"credits": ${to}`, 0);
    const turn = (to) => edit(seedText, '"credits": 42', `"credits": ${to}`, 1);
    for (const [where, path] of [[totals, 'task.totals.credits'], [turn, 'turns[0].credits']]) {
      for (const bad of ['-1', '-0.5', '-1e-300', '-9007199254740993']) expectCodes(where(bad), [`${path}:negative`], `${path} = ${bad}`);
      for (const bad of ['1e400', '-1e400', '1.8e308']) expectCodes(where(bad), [`${path}:not_finite`], `${path} = ${bad}`);
      for (const good of ['-0', '0', '0.0', '1e-400', '-1e-400', '0.25', '1.7976931348623157e308']) expectCodes(where(good), [], `${path} = ${good}`);
    }
    const msg = safeParseTaskWithTurns(totals('-1')).error.issues[0].message;
    ok(msg.startsWith('task.totals.credits: ') && msg.includes('-1'), msg);
    // Values JSON cannot spell, through the object route.
    for (const [value, code] of [[-1, 'negative'], [NaN, 'not_finite'], [-Infinity, 'not_finite'], [Infinity, 'not_finite'], [-0, null]]) {
      const t = seed();
      t.task.totals.credits = value;
      t.turns[0].credits = value;
      same(codes(safeParseTaskWithTurns(t)), code ? [`task.totals.credits:${code}`, `turns[0].credits:${code}`] : [], `credits = ${value}`);
    }
  });

  add('counts: every spelling is judged by the number JSON.parse reads, in every route', () => {
    const fields = [
      ['task.totals.durationMs', '"durationMs": 25812', 0],
      ['task.totals.turnCount', '"turnCount": 1', 0],
      ['turns[0].durationMs', '"durationMs": 25812', 1],
      ['turns[0].inputTokens', '"inputTokens": 1842', 0],
      ['turns[0].outputTokens', '"outputTokens": 312', 0],
      ['turns[0].seq', '"seq": 0', 0],
    ];
    const spellings = [
      ['-0', null],
      ['0.0', null],
      ['1.0', null],
      ['1e0', null],
      ['0.1e1', null],
      ['100e-2', null],
      ['1E-400', null],
      ['-1e-400', null],
      ['1.0000000000000001', null], // reads as 1
      ['0.99999999999999999', null], // reads as 1
      ['9007199254740991', null],
      ['1.5', 'not_integer'],
      ['-1.5', 'not_integer'],
      ['1e-7', 'not_integer'],
      ['4503599627370495.5', 'not_integer'], // exact in binary64
      ['-1', 'negative'],
      ['-1e300', 'negative'],
      ['9007199254740992', 'too_large'],
      ['9007199254740993', 'too_large'], // reads as 2^53
      ['9007199254740991.5', 'too_large'], // rounds (to even) to 2^53
      ['1e300', 'too_large'],
      ['1e400', 'not_finite'],
      ['-1e400', 'not_finite'],
    ];
    for (const [path, from, n] of fields) {
      for (const [spelling, code] of spellings) {
        const key = from.slice(0, from.indexOf(':') + 1);
        expectCodes(edit(seedText, from, `${key} ${spelling}`, n), code ? [`${path}:${code}`] : [], `${path} = ${spelling}`);
      }
    }
    // Values JSON cannot spell, through the object route.
    for (const [value, code] of [[-0, null], [Number.MAX_SAFE_INTEGER, null], [1.5, 'not_integer'], [2 ** 53, 'too_large'], [NaN, 'not_finite'], [Infinity, 'not_finite'], [-Infinity, 'not_finite']]) {
      const t = seed();
      t.task.totals.turnCount = value;
      t.turns[0].seq = value;
      same(codes(safeParseTaskWithTurns(t)), code ? [`task.totals.turnCount:${code}`, `turns[0].seq:${code}`] : [], `count = ${value}`);
    }
  });

  add('checkTaskConsistency: each code alone, with its path, on objects, parsed text and parsed bytes', () => {
    const scenarios = [
      ['unordered_seq', 'tsk_mt-77aa', (t) => (t.turns[0].seq = 5), ['turns[1].seq:unordered_seq']],
      ['unordered_seq (swap)', 'tsk_mt-77aa', (t) => ([t.turns[1].seq, t.turns[2].seq] = [2, 1]), ['turns[2].seq:unordered_seq']],
      ['completed_before_start (task)', 'tsk_2Z-YWz3hFq6VlW', (t) => (t.task.completedAt = '2026-05-11T09:14:00.000Z'), ['task.completedAt:completed_before_start']],
      ['completed_before_start (task, offset)', 'tsk_2Z-YWz3hFq6VlW', (t) => (t.task.completedAt = '2026-05-11T10:14:21+01:00'), ['task.completedAt:completed_before_start']],
      ['completedAt equal to createdAt is fine', 'tsk_2Z-YWz3hFq6VlW', (t) => (t.task.completedAt = '2026-05-11T09:14:22Z'), []],
      ['completed_before_start (turn)', 'tsk_2Z-YWz3hFq6VlW', (t) => (t.turns[0].completedAt = '2026-05-11T09:14:21.999Z'), ['turns[0].completedAt:completed_before_start']],
      ['missing_completed_at (null)', 'tsk_2Z-YWz3hFq6VlW', (t) => (t.task.completedAt = null), ['task.completedAt:missing_completed_at']],
      ['missing_completed_at (absent)', 'tsk_2Z-YWz3hFq6VlW', (t) => delete t.task.completedAt, ['task.completedAt:missing_completed_at']],
      ['missing_completed_at (aborted)', 'tsk_2Z-YWz3hFq6VlW', (t) => ((t.task.status = 'aborted'), (t.task.completedAt = null)), ['task.completedAt:missing_completed_at']],
      ['missing_completed_at (error)', 'tsk_mt-77aa', (t) => (t.task.completedAt = null), ['task.completedAt:missing_completed_at']],
      ['unexpected_completed_at (running)', '"running"', (t) => (t.task.completedAt = '2026-05-12T10:05:00Z'), ['task.completedAt:unexpected_completed_at']],
      ['unexpected_completed_at (pending)', 'tsk_pend-1', (t) => (t.task.completedAt = '2026-05-12T10:05:00Z'), ['task.completedAt:unexpected_completed_at']],
      ['task_id_mismatch', 'tsk_2Z-YWz3hFq6VlW', (t) => (t.turns[0].taskId = 'tsk_other'), ['turns[0].taskId:task_id_mismatch']],
      ['task_id_mismatch (case)', 'tsk_mt-77aa', (t) => (t.turns[1].taskId = 'TSK_MT-77AA'), ['turns[1].taskId:task_id_mismatch']],
      ['duplicate_seq', 'tsk_mt-77aa', (t) => (t.turns[2].seq = 1), ['turns[2].seq:duplicate_seq']],
      ['turn_count_mismatch (fewer)', 'tsk_2Z-YWz3hFq6VlW', (t) => (t.task.totals.turnCount = 0), ['task.totals.turnCount:turn_count_mismatch']],
      ['turn_count_mismatch (more)', 'tsk_pend-1', (t) => (t.task.totals.turnCount = 1), ['task.totals.turnCount:turn_count_mismatch']],
    ];
    for (const [name, needle, change, expected] of scenarios) {
      const t = byTask(needle);
      change(t);
      const text = JSON.stringify(t);
      for (const [route, input] of [['object', t], ['parsed text', parseTaskWithTurns(text)], ['parsed bytes', parseTaskWithTurns(encoder.encode(text))]]) {
        const issues = checkTaskConsistency(input);
        same(issues.map((i) => `${i.path}:${i.code}`), expected, `${name} (${route})`);
        for (const i of issues) ok(typeof i.message === 'string' && i.message.startsWith(`${i.path}: `), `${name}: message ${i.message}`);
      }
      same(JSON.stringify(t), text, `${name}: checkTaskConsistency does not mutate`);
    }
  });

  add('bytes: Uint8Array, ArrayBuffer and offset views of every fixture read as JSON.parse reads them', () => {
    for (const text of fixtures) {
      const bytes = encoder.encode(text);
      const padded = bytesOf('xx{', text, ']]');
      const view = padded.subarray(3, 3 + bytes.length);
      for (const [route, input] of [['Uint8Array', bytes], ['ArrayBuffer', bytes.slice().buffer], ['offset view', view]]) {
        same(parseTaskWithTurns(input), JSON.parse(text), route);
        const r = safeParseTaskWithTurns(input, { strict: false });
        ok(r.success, `${route}: ${r.error?.message}`);
        same(checkTaskConsistency(r.data), [], `${route}: consistent`);
      }
      same(Array.from(padded.subarray(3, 3 + bytes.length)), Array.from(bytes), 'input bytes untouched');
    }
    same(codes(safeParseTaskWithTurns(new Uint8Array(0))), [':invalid_json'], 'empty bytes');
    same(codes(safeParseTaskWithTurns(new ArrayBuffer(0))), [':invalid_json'], 'empty buffer');
  });

  add('bytes: a UTF-8 BOM is dropped as TextDecoder drops it (one, not two)', () => {
    for (const text of fixtures) {
      const withBom = bytesOf([0xef, 0xbb, 0xbf], text);
      same(parseTaskWithTurns(withBom), decodeParse(withBom), 'Uint8Array with BOM');
      same(parseTaskWithTurns(withBom.buffer), JSON.parse(text), 'ArrayBuffer with BOM');
    }
    const twice = bytesOf([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], seedText);
    ok(!jsonOk(new TextDecoder().decode(twice)), 'premise: TextDecoder keeps the second BOM');
    same(codes(safeParseTaskWithTurns(twice)), [':invalid_json'], 'two BOMs');
    same(codes(safeParseTaskWithTurns(bytesOf('  ', [0xef, 0xbb, 0xbf], seedText))), [':invalid_json'], 'BOM after white space');
    same(codes(safeParseTaskWithTurns(bytesOf([0xef, 0xbb], seedText))), [':invalid_json'], 'half a BOM');
  });

  add('bytes: invalid UTF-8 inside strings reads as U+FFFD, exactly as TextDecoder + JSON.parse', () => {
    const bad = [[0xff], [0x80], [0xc3], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82, 0x41]];
    const head = 'Weather';
    const places = [
      // [what, text before the bad bytes, text after them]
      ['title', seedText.slice(0, seedText.indexOf(head) + head.length), seedText.slice(seedText.indexOf(head) + head.length)],
      ['end of title', seedText.slice(0, seedText.indexOf('Barcelona"') + 9), seedText.slice(seedText.indexOf('Barcelona"') + 9)],
      ['structuredOutput value', seedText.slice(0, seedText.indexOf('"bar"') + 1), seedText.slice(seedText.indexOf('"bar"') + 1)],
      ['structuredOutput key', seedText.slice(0, seedText.indexOf('"conditions"') + 1), seedText.slice(seedText.indexOf('"conditions"') + 1)],
      ['status (enum)', seedText.slice(0, seedText.indexOf('"completed"') + 5), seedText.slice(seedText.indexOf('"completed"') + 5)],
      ['createdAt (date-time)', seedText.slice(0, seedText.indexOf('"2026-05-11T09:14:22') + 5), seedText.slice(seedText.indexOf('"2026-05-11T09:14:22') + 5)],
      ['url', seedText.slice(0, seedText.indexOf('/worker/') + 1), seedText.slice(seedText.indexOf('/worker/') + 1)],
      ['a key of the model', seedText.slice(0, seedText.indexOf('"title"') + 4), seedText.slice(seedText.indexOf('"title"') + 4)],
      ['turn role', seedText.slice(0, seedText.indexOf('"user"') + 1), seedText.slice(seedText.indexOf('"user"') + 1)],
    ];
    for (const [where, before, after] of places) {
      for (const b of bad) {
        const bytes = bytesOf(before, b, after);
        const what = `${where} + ${JSON.stringify(b)}`;
        const expected = decodeParse(bytes); // premise: the decoded text is JSON
        const fromObject = safeParseTaskWithTurns(expected);
        for (const input of [bytes, bytes.slice().buffer]) {
          const r = safeParseTaskWithTurns(input);
          same(codes(r), codes(fromObject), what);
          if (r.success) same(r.data, fromObject.data, `${what}: data`);
          else same(r.error.issues, fromObject.error.issues, `${what}: issues`);
        }
      }
    }
    // The free strings are accepted: only the model's constrained fields can fail.
    for (const b of bad) {
      const bytes = bytesOf(places[0][1], b, places[0][2]);
      const r = safeParseTaskWithTurns(bytes);
      ok(r.success, `title + ${JSON.stringify(b)}: ${r.error?.message}`);
      ok(r.data.task.title.includes('\ufffd'), 'U+FFFD in the title');
    }
  });

  add('bytes: invalid UTF-8 outside strings is invalid_json', () => {
    const at = seedText.indexOf('"task"');
    const comma = seedText.indexOf(',') + 1;
    for (const b of [[0xff], [0x80], [0xc2, 0xa0], [0xef, 0xbb, 0xbf], [0xe2, 0x80, 0x8b], [0xed, 0xa0, 0x80], [0xc0, 0xa0], [0x00]]) {
      for (const [where, text, pos] of [['before the value', seedText, 0], ['before a key', seedText, at], ['after a comma', seedText, comma], ['after the value', seedText, seedText.length], ['in a number', seedText, seedText.indexOf('42') + 1]]) {
        if (pos === 0 && b.join() === '239,187,191') continue; // a leading BOM is allowed
        const bytes = bytesOf(text.slice(0, pos), b, text.slice(pos));
        ok(!jsonOk(new TextDecoder().decode(bytes)), `premise: JSON.parse rejects ${where} ${b}`);
        for (const input of [bytes, bytes.slice().buffer]) same(codes(safeParseTaskWithTurns(input)), [':invalid_json'], `${JSON.stringify(b)} ${where}`);
      }
    }
  });

  add('bytes: truncated bytes are invalid_json, with line and column as for the text', () => {
    const r = safeParseTaskWithTurns(encoder.encode(seedText).slice(0, 200));
    same(codes(r), [':invalid_json']);
    ok(/^invalid JSON at line 7, column 19: /.test(r.error.issues[0].message), r.error.issues[0].message);
    same(r.error.issues[0].message, safeParseTaskWithTurns(seedText.slice(0, 200)).error.issues[0].message, 'same message as the text route');
    for (const text of fixtures) {
      const bytes = encoder.encode(text);
      for (let n = 0; n < bytes.length; n += n < 64 || bytes.length - n < 64 ? 1 : 7) {
        const cut = bytes.slice(0, n);
        if (jsonOk(new TextDecoder().decode(cut))) continue; // never, except the full value
        const out = safeParseTaskWithTurns(cut);
        same(codes(out), [':invalid_json'], `cut at ${n} of ${bytes.length}`);
        ok(/^invalid JSON at line \d+, column \d+: /.test(out.error.issues[0].message), `cut at ${n}: ${out.error.issues[0].message}`);
        const asText = new TextDecoder().decode(cut);
        if (!asText.includes('\ufffd')) same(out.error.issues, safeParseTaskWithTurns(asText).error.issues, `cut at ${n}: as for the same text`);
      }
    }
  });

  add('validateTaskId: returns good ids unchanged, rejects bad ones with invalid_task_id', () => {
    const { validateTaskId } = lib;
    const good = ['a/b', 'tsk_2Z-YWz3hFq6VlW', '%20', 'x?admin=true', '...', '.a', 'a..', ' a ', 'é😀', 'a'.repeat(1024), '😀'.repeat(512)];
    for (const id of good) ok(validateTaskId(id) === id, `${JSON.stringify(id.slice(0, 40))} returned unchanged`);
    const bad = [
      ['empty', ''],
      ['blank', '  '],
      ['tab and newline only', '\t\n'],
      ['.', '.'],
      ['..', '..'],
      ['%2e%2E', '%2e%2E'],
      ['%2E%2e', '%2E%2e'],
      ['.%2e', '.%2e'],
      ['%2e', '%2e'],
      ['NUL', 'a\u0000b'],
      ['newline', 'a\nb'],
      ['DEL', 'a\u007f'],
      ['C1 control', '\u0085a'],
      ['1025 chars', 'a'.repeat(1025)],
      ['1025 UTF-16 units', '😀'.repeat(512) + 'a'],
      ['lone surrogate', 'a\ud800'],
      ['number 42', 42],
      ['null', null],
      ['undefined', undefined],
      ['a Symbol', Symbol('tsk')],
      ['a bigint', 42n],
      ['an object', { toString: () => 'tsk_x' }],
      ['an array', ['tsk_x']],
    ];
    for (const [name, id] of bad) {
      throws(() => validateTaskId(id), (e) => e instanceof ValidationError && e.name === 'ValidationError' && e.issues.length === 1 && e.issues[0].code === 'invalid_task_id' && e.issues[0].path === 'taskId', name);
      healthy();
    }
  });

  add('isTerminalStatus: completed, error and aborted only', () => {
    const { isTerminalStatus } = lib;
    same(['pending', 'running', 'completed', 'error', 'aborted'].map((s) => isTerminalStatus(s)), [false, false, true, true, true]);
    for (const s of ['paused', '', 'Completed', 'COMPLETED', ' completed', 'completed ', 'cancelled']) same(isTerminalStatus(s), false, JSON.stringify(s));
  });

  add('differential: hostile texts get the verdict of JSON.parse reading them, in every route', () => {
    const texts = [
      ['duplicate title, last wrong', edit(seedText, '"title": "Weather report for Barcelona"', '"title": "x", "title": null'), ['task.title:invalid_type']],
      ['duplicate title, last right', edit(seedText, '"title":', '"title": 5, "title":'), []],
      ['duplicate status, last unknown', edit(seedText, '"status": "completed"', '"status": "completed", "status": "paused"'), ['task.status:invalid_enum_value']],
      ['duplicate status, last known', edit(seedText, '"status": "completed"', '"status": "paused", "status": "completed"'), []],
      ['duplicate credits, last negative', edit(seedText, '"credits": 42', '"credits": 42, "credits": -1'), ['task.totals.credits:negative']],
      ['duplicate credits, last fine', edit(seedText, '"credits": 42', '"credits": -1, "credits": 42'), []],
      ['duplicate completedAt, last null', edit(seedText, '"completedAt": "2026-05-11T09:14:48.000Z"', '"completedAt": "bad", "completedAt": null'), []],
      ['duplicate completedAt, last bad', edit(seedText, '"completedAt": "2026-05-11T09:14:48.000Z"', '"completedAt": null, "completedAt": "bad"'), ['task.completedAt:invalid_datetime']],
      ['duplicate task, last valid', edit(seedText, '{', '{"task": 1,'), []],
      ['duplicate turns, last wrong', seedText.trimEnd().slice(0, -1) + ', "turns": 5}', ['turns:invalid_type']],
      ['duplicate turns, last empty', seedText.trimEnd().slice(0, -1) + ', "turns": []}', []],
      ['duplicate turn seq, last wrong', edit(seedText, '"seq": 0', '"seq": 0, "seq": -1'), ['turns[0].seq:negative']],
      ['escaped key, last wrong', edit(seedText, '"title": "Weather report for Barcelona"', '"title": "Weather report for Barcelona", "\\u0074itle": 5'), ['task.title:invalid_type']],
      ['escaped key, first', edit(seedText, '"title": "Weather', '"\\u0074itle": 5, "title": "Weather'), []],
      ['escaped key, status', edit(seedText, '"status": "completed"', '"status": "completed", "st\\u0061tus": "paused"'), ['task.status:invalid_enum_value']],
      ['escaped key, only spelling of the field', edit(seedText, '"title":', '"\\u0074\\u0069\\u0074\\u006c\\u0065":'), []],
      ['escaped value, status', edit(seedText, '"status": "completed"', '"status": "\\u0063ompleted"'), []],
      ['escaped value, date-time', edit(seedText, '"createdAt": "2026-05-11T09:14:22.000Z"', '"createdAt": "2026-05-11\\u005409:14:22.000Z"'), []],
      ['\\ud800 in the title', edit(seedText, 'Barcelona"', 'Barcelona\\ud800"'), []],
      ['\\udc00\\ud800 in the title', edit(seedText, 'Weather', '\\udc00\\ud800Weather'), []],
      ['\\ud800 in the id', edit(seedText, '"tsk_2Z-YWz3hFq6VlW"', '"tsk_\\ud800"'), null],
      ['\\ud800 in the status', edit(seedText, '"status": "completed"', '"status": "complet\\ud800ed"'), ['task.status:invalid_enum_value']],
      ['\\ud800 in a date-time', edit(seedText, '"createdAt": "2026-05-11T09:14:22.000Z"', '"createdAt": "2026-05-11T09:14:22.000Z\\ud800"'), ['task.createdAt:invalid_datetime']],
      ['\\ud800 in the url', edit(seedText, '/worker/', '/worker\\ud800/'), null],
      ['\\ud800 in a structuredOutput key', edit(seedText, '"conditions"', '"cond\\ud800itions"'), []],
      ['\\ud800 in a key of the model', edit(seedText, '"title":', '"title\\ud800": 1, "title":'), []],
    ];
    for (const [name, text, expected] of texts) {
      ok(jsonOk(text), `premise: ${name} is JSON`);
      const fromObject = safeParseTaskWithTurns(JSON.parse(text));
      if (expected) same(codes(fromObject), [...expected].sort(), `${name} (object)`);
      for (const [route, input] of routes(text)) {
        const r = safeParseTaskWithTurns(input);
        same(codes(r), codes(fromObject), `${name} (${route})`);
        if (r.success) same(r.data, JSON.parse(text), `${name} (${route}): data as JSON.parse reads it`);
        else same(r.error.issues, fromObject.error.issues, `${name} (${route}): issues`);
      }
    }
  });

  add('differential: 100000 levels of nesting inside structuredOutput, in every route', () => {
    const N = 100000;
    const arrays = '['.repeat(N) + ']'.repeat(N);
    const objects = '{"a":'.repeat(N) + '1' + '}'.repeat(N);
    const mixed = '[{"a":'.repeat(N / 2) + 'null' + '}]'.repeat(N / 2);
    const depth = (v) => {
      let d = 0;
      while (v !== null && typeof v === 'object') {
        v = Array.isArray(v) ? v[0] : v.a;
        d++;
      }
      return d;
    };
    for (const [name, deep, levels] of [['arrays', arrays, N], ['objects', objects, N], ['mixed', mixed, N]]) {
      const inside = edit(seedText, '"conditions": "bar"', `"conditions": ${deep}`);
      for (const [route, input] of routes(inside)) {
        const r = safeParseTaskWithTurns(input);
        ok(r.success, `${name} (${route}): ${r.error?.message.slice(0, 200)}`);
        same(depth(r.data.turns[0].structuredOutput.conditions), levels, `${name} (${route}): depth kept`);
      }
      // The scan goes on after the deep value: a later issue is still found.
      expectCodes(edit(inside, '"taskId": "tsk_2Z-YWz3hFq6VlW"', '"taskId": 5'), ['turns[0].taskId:invalid_type'], `${name}, then a bad taskId`);
      // Deep where a string is expected, in an unknown field, and unbalanced.
      expectCodes(edit(seedText, '"Weather report for Barcelona"', deep), ['task.title:invalid_type'], `${name} as the title`);
      expectCodes(edit(seedText, '{', `{"extra": ${deep},`), [], `${name} in an unknown field`);
      const unbalanced = edit(seedText, '"conditions": "bar"', `"conditions": ${deep.slice(0, -1)}`);
      ok(!jsonOk(unbalanced), 'premise: unbalanced');
      expectCodes(unbalanced, [':invalid_json'], `${name}, one bracket short`);
    }
  });

  add('object input is never mutated, even when deep-frozen; missing nullables read as null, unknown fields survive', () => {
    const deepFreeze = (v) => {
      if (v && typeof v === 'object' && !Object.isFrozen(v)) {
        Object.freeze(v);
        for (const k of Object.keys(v)) deepFreeze(v[k]);
      }
      return v;
    };
    // Complete: returned as is.
    const complete = deepFreeze(seed());
    ok(parseTaskWithTurns(complete) === complete, 'a complete frozen object is returned as is');
    // Missing nullables and unknown fields at every level.
    const t = seed();
    delete t.task.completedAt;
    delete t.task.createdByUserId;
    delete t.turns[0].completedAt;
    delete t.turns[0].structuredOutput;
    t.unknown = { a: [1, { b: null }] };
    t.task.newField = 'kept';
    t.task.totals.extraTotal = 7;
    t.turns[0].toolCalls = [{ name: 'x', args: { deep: [true] } }];
    const text = JSON.stringify(t);
    const expected = JSON.parse(text);
    Object.assign(expected.task, { completedAt: null, createdByUserId: null });
    Object.assign(expected.turns[0], { completedAt: null, structuredOutput: null });
    const frozen = deepFreeze(JSON.parse(text));
    for (const [route, input] of [...routes(text), ['frozen object', frozen]]) {
      const out = parseTaskWithTurns(input);
      same(canon(out), canon(expected), `${route}: nulls filled, unknown fields kept`);
      const r = safeParseTaskWithTurns(input);
      ok(r.success && canon(r.data) === canon(expected), `${route}: safeParse`);
      same(checkTaskConsistency(out).map((i) => i.code), ['missing_completed_at'], `${route}: completedAt reads as null for checkTaskConsistency`);
    }
    same(JSON.stringify(frozen), text, 'frozen input unchanged');
    ok(!('completedAt' in frozen.task) && !('structuredOutput' in frozen.turns[0]), 'no field added to the input');
    same(checkTaskConsistency(frozen).map((i) => i.code), ['missing_completed_at'], 'frozen input through checkTaskConsistency');
    same(JSON.stringify(frozen), text, 'still unchanged');
  });

  add('unknown fields named __proto__ survive in every route', () => {
    // JSON.parse makes "__proto__" an own data property; copying it with assignment would
    // set the prototype instead and lose the field.
    let text = edit(seedText, '"completedAt": "2026-05-11T09:14:48.000Z",', '"__proto__": {"x": 1},');
    text = edit(edit(text, '"seq": 0', '"__proto__": [2], "seq": 0'), '{', '{"__proto__": null,');
    const expected = JSON.parse(text);
    ok(Object.hasOwn(expected.task, '__proto__'), 'premise: JSON.parse keeps it as an own field');
    for (const [route, input] of routes(text)) {
      const out = parseTaskWithTurns(input);
      ok(Object.hasOwn(out, '__proto__') && Object.hasOwn(out.task, '__proto__') && Object.hasOwn(out.turns[0], '__proto__'), `${route}: __proto__ is still an own field`);
      ok(out.task.completedAt === null, `${route}: completedAt filled`);
      ok([out, out.task, out.turns[0]].every((o) => Object.getPrototypeOf(o) === Object.prototype), `${route}: prototypes untouched`);
      same(canon(out), canon(Object.assign(JSON.parse(text), { task: { ...JSON.parse(text).task, completedAt: null } })), `${route}: everything else`);
      same(canon(out.task.__proto__), canon({ x: 1 }), `${route}: its value`);
    }
  });

  add('no poisoned instance: after every failing call the next valid call succeeds', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const detached = new ArrayBuffer(8);
    structuredClone(detached, { transfer: [detached] });
    const failing = [
      ['text: invalid JSON', () => parseTaskWithTurns('{"task":')],
      ['text: issues', () => parseTaskWithTurns(edit(seedText, '"seq": 0', '"seq": -1'))],
      ['bytes: truncated', () => parseTaskWithTurns(encoder.encode(seedText).slice(0, 100))],
      ['bytes: invalid UTF-8 outside strings', () => parseTaskWithTurns(bytesOf([0xff], seedText))],
      ['bytes: issues', () => parseTaskWithTurns(encoder.encode(edit(seedText, '"credits": 42', '"credits": 1e400')))],
      ['ArrayBuffer: detached', () => parseTaskWithTurns(detached)],
      ['object: issues', () => parseTaskWithTurns({ task: {}, turns: [1] })],
      ['object: revoked proxy', () => parseTaskWithTurns(proxy)],
      ['object: Symbol', () => parseTaskWithTurns(Symbol('x'))],
      ['options: bad strict', () => parseTaskWithTurns(seedText, { strict: 1 })],
      ['options: not an object', () => parseTaskWithTurns(seedText, 'strict')],
      ['deep nesting, unbalanced', () => parseTaskWithTurns('['.repeat(100000))],
      ['validateTaskId: Symbol', () => lib.validateTaskId(Symbol('x'))],
      ['validateTaskId: 1e6 chars', () => lib.validateTaskId('x'.repeat(1e6))],
      ['validateTaskId: revoked proxy', () => lib.validateTaskId(proxy)],
      ['checkTaskConsistency: not a task', () => checkTaskConsistency({ task: 1 })],
      ['checkTaskConsistency: revoked proxy', () => checkTaskConsistency(proxy)],
      ['checkTaskConsistency: undefined', () => checkTaskConsistency(undefined)],
    ];
    for (const [name, call] of failing) {
      let first;
      throws(call, (e) => ((first = e), e instanceof ValidationError && e.issues.length > 0), name);
      healthy();
      throws(call, (e) => e instanceof ValidationError && JSON.stringify(e.issues) === JSON.stringify(first.issues), `${name}, again: same issues`);
      healthy();
    }
  });

  return cases;
}
