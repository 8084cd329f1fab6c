// Hostile arguments and misbehaving transports, through the built package in Node: every
// one ends in a typed rejection (never an uncaught exception or a promise left pending), the
// API key never leaks, and the next call still works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as lib from 'handinger-wasm';
import { startMockApi } from '../mock-api/index.mjs';

const SEED = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const KEY = 'hk_abc/def/ghi_123456';

let mock;
let uncaught = [];
const onUncaught = (err) => uncaught.push(err);
before(async () => {
  mock = await startMockApi();
  process.on('uncaughtException', onUncaught);
});
after(() => {
  process.off('uncaughtException', onUncaught);
  mock.close();
});

/** Settles `promise` within `ms`, or fails the test: a pending promise is a bug here. */
async function settled(promise, ms = 5000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error) => ({ error })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function stillWorks() {
  const task = await lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null });
  assert.equal(task.task.status, 'pending');
  assert.equal(lib.parseTaskWithTurns(SEED).task.id, 'tsk_2Z-YWz3hFq6VlW');
  assert.deepEqual(uncaught, []);
}

const responseOf = (text = SEED, init = { status: 200 }) => new Response(text, init);

test('header values above U+00FF and keys with invisible characters are options errors', async () => {
  let calls = 0;
  const fetch = async () => (calls++, responseOf());
  const cases = [
    [{ apiKey: 'hk_live_abc\u200b' }, 'options.apiKey', /U\+200B/],
    [{ apiKey: '\u201chk_live\u201d' }, 'options.apiKey', /U\+201C/],
    [{ headers: { 'x-a': '😀' } }, 'options.headers.x-a', /U\+1F600/],
  ];
  for (const [extra, path, message] of cases) {
    const out = await settled(lib.fetchTask('x', { baseUrl: 'https://api.test', fetch, ...extra }));
    assert.ok(out.error instanceof lib.ValidationError, String(out.error));
    assert.equal(out.error.issues[0].path, path);
    assert.match(out.error.issues[0].message, message);
    assert.ok(!JSON.stringify({ m: out.error.message, i: out.error.issues, s: out.error.stack }).includes('hk_live'));
  }
  assert.throws(() => new lib.HandingerClient({ apiKey: 'k\u2026' }), lib.ValidationError);
  assert.equal(calls, 0);
  await stillWorks();
});

test('a Response that cannot be read is an APIConnectionError, not a crash', async () => {
  const consumed = async () => {
    const r = responseOf();
    await r.text();
    return r;
  };
  const locked = async () => {
    const r = responseOf();
    r.body.getReader();
    return r;
  };
  const throwingStatus = async () => {
    const r = responseOf();
    Object.defineProperty(r, 'status', { get: () => { throw new Error('boom'); } });
    return r;
  };
  const syncThrowingRead = async () => {
    const r = responseOf();
    const body = { getReader: () => ({ read: () => { throw new Error('read boom'); }, cancel() {} }) };
    Object.defineProperty(r, 'body', { value: body });
    return r;
  };
  for (const fetch of [consumed, locked, throwingStatus, syncThrowingRead]) {
    const out = await settled(lib.fetchTask('x', { baseUrl: 'https://api.test', apiKey: null, maxRetries: 0, fetch, timeoutMs: 1000 }));
    assert.ok(out.error instanceof lib.APIConnectionError, `${fetch.name}: ${out.error}`);
  }
  await stillWorks();
});

test('a body stream of empty chunks forever still times out', async () => {
  const fetch = async () => new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(0)) }));
  const out = await settled(lib.fetchTask('x', { baseUrl: 'https://api.test', apiKey: null, maxRetries: 0, fetch, timeoutMs: 300 }));
  assert.ok(out.error instanceof lib.APIConnectionTimeoutError, String(out.error));
  await stillWorks();
});

test('a redirect to plain http is refused before anything connects to it, and not retried', async () => {
  const id = `fault:redirect=insecure;n=hostile-${process.pid}`;
  const out = await settled(lib.fetchTask(id, { baseUrl: mock.url, apiKey: null, maxRetries: 2 }));
  assert.ok(out.error instanceof lib.APIConnectionError, String(out.error));
  assert.match(out.error.message, /refused a redirect to http:\/\/example\.invalid\//);
  assert.equal(mock.countFor(id), 1);
});

test('a redirect to another loopback path is followed, with the key (same origin)', async () => {
  const id = `fault:redirect=tsk_pend-1;n=hostile-${process.pid}`;
  const seen = [];
  const fetch = (url, init) => (seen.push([url, init.headers.get('authorization')]), globalThis.fetch(url, init));
  const task = await lib.fetchTask(id, { baseUrl: mock.url, apiKey: 'hk_test_mock_0123456789', fetch });
  assert.equal(task.task.id, 'tsk_pend-1');
  assert.equal(seen.length, 2);
  assert.equal(seen[1][0], `${mock.url}/api/tasks/tsk_pend-1`);
  assert.equal(seen[1][1], 'Bearer hk_test_mock_0123456789');
});

test('a redirect to another origin is followed without the key', async () => {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push([url, init.headers.get('authorization')]);
    if (seen.length === 1) return new Response(null, { status: 307, headers: { location: 'https://other.example/t' } });
    return responseOf();
  };
  await lib.fetchTask('x', { baseUrl: 'https://api.test', apiKey: 'hk_live_key', fetch });
  assert.deepEqual(seen, [['https://api.test/api/tasks/x', 'Bearer hk_live_key'], ['https://other.example/t', null]]);
});

test('the key is redacted from validation issues of a 2xx body', async () => {
  const key = 'hk_test_mock_0123456789';
  const id = `fault:key-in-body=${key};n=hostile-${process.pid}`;
  const out = await settled(lib.fetchTask(id, { baseUrl: mock.url, apiKey: key, strict: true }));
  assert.ok(out.error instanceof lib.APIResponseValidationError, String(out.error));
  assert.equal(out.error.issues[0].path, 'task.status');
  const everything = JSON.stringify({ m: out.error.message, i: out.error.issues, s: out.error.stack, b: out.error.body });
  assert.ok(!everything.includes(key), everything);
  assert.ok(everything.includes('[redacted]'));
});

test('the key is redacted from an error body that spells it with JSON escapes', async () => {
  const escaped = KEY.replaceAll('/', '\\/').replace('abc', '\\u0061bc');
  const body = `{"error":"invalid key ${escaped}","detail":{"${escaped}":["${escaped}"]}}`;
  const fetch = async () => new Response(body, { status: 401, headers: { 'content-type': 'application/json' } });
  const out = await settled(lib.fetchTask('x', { baseUrl: 'https://api.test', apiKey: KEY, fetch }));
  assert.ok(out.error instanceof lib.AuthenticationError);
  const everything = JSON.stringify({ m: out.error.message, s: out.error.stack, b: out.error.body, e: out.error.error });
  assert.ok(!everything.includes(KEY), everything);
  assert.equal(out.error.message, '401 invalid key [redacted]');
  assert.deepEqual(out.error.body.detail, { '[redacted]': ['[redacted]'] });
});

test('revoked proxies, detached buffers and a freed client give ValidationErrors', async () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const buffer = new ArrayBuffer(8);
  const view = new Uint8Array(buffer);
  structuredClone(buffer, { transfer: [buffer] }); // detaches both
  for (const args of [[proxy], ['x', proxy], ['x', { headers: proxy }]]) {
    const out = await settled(lib.fetchTask(...args));
    assert.ok(out.error instanceof lib.ValidationError, String(out.error));
    const waited = await settled(lib.waitForTask(...args));
    assert.ok(waited.error instanceof lib.ValidationError, String(waited.error));
  }
  for (const input of [proxy, { task: proxy, turns: [] }, buffer, view]) {
    assert.throws(() => lib.parseTaskWithTurns(input), lib.ValidationError);
    const r = lib.safeParseTaskWithTurns(input);
    assert.equal(r.success, false);
    assert.ok(r.error instanceof lib.ValidationError);
  }
  assert.throws(() => lib.validateTaskId(proxy), lib.ValidationError);
  assert.throws(() => lib.checkTaskConsistency(proxy), lib.ValidationError);
  const client = new lib.HandingerClient({ baseUrl: mock.url, apiKey: null });
  client.free();
  const out = await settled(client.fetchTask('tsk_pend-1'));
  assert.ok(out.error instanceof lib.HandingerError, String(out.error));
  await stillWorks();
});

// Found by attacking the package: each of these once crashed Node, hung, leaked or poisoned.
const seedTask = JSON.stringify(JSON.parse(SEED).task);
const fakeFetch = (body) => async () => new Response(body, { status: 200 });
const far = { baseUrl: 'https://api.example.test', apiKey: null, maxRetries: 0 };

test('a flood of bad turns: issues stop at 100 plus a too_many_issues note, fast, no trap', async () => {
  const body = `{"task":${seedTask},"turns":[${'{},'.repeat(300_000)}{}]}`;
  const started = Date.now();
  const { error } = await settled(lib.fetchTask('x', { ...far, fetch: fakeFetch(body) }), 20000);
  assert.ok(error instanceof lib.APIResponseValidationError, String(error));
  assert.ok(error.issues.length <= 100 + 14 + 1, `${error.issues.length} issues`);
  assert.equal(error.issues.at(-1).code, 'too_many_issues');
  assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
  // The same through the parse helpers, and a sparse 100-million-hole array as an object.
  assert.equal(lib.safeParseTaskWithTurns(body).error.issues.at(-1).code, 'too_many_issues');
  const sparse = JSON.parse(SEED);
  sparse.turns = [];
  sparse.turns.length = 100_000_000;
  const r = lib.safeParseTaskWithTurns(sparse);
  assert.equal(r.error.issues.at(-1).code, 'too_many_issues');
  assert.deepEqual(uncaught, []);
  await stillWorks();
  assert.equal(lib.parseTaskWithTurns(SEED).task.id, JSON.parse(SEED).task.id);
});

test('a body of a million ready 1-byte chunks still times out (and aborts) on time', async () => {
  const dribble = () => async () => new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array([32])) }));
  const started = Date.now();
  const { error } = await settled(lib.fetchTask('x', { ...far, fetch: dribble(), timeoutMs: 200, maxResponseBytes: 4e6 }), 5000);
  assert.equal(error?.name, 'APIConnectionTimeoutError');
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const aborted = await settled(lib.fetchTask('x', { ...far, fetch: dribble(), signal: controller.signal, maxResponseBytes: 4e6 }), 5000);
  assert.equal(aborted.error?.name, 'APIUserAbortError');
  await stillWorks();
});

test('signal-likes that lack removeEventListener are refused; ones that throw cannot crash the call', async () => {
  const missing = await settled(lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, signal: { aborted: false, addEventListener() {} } }));
  assert.ok(missing.error instanceof lib.ValidationError);
  assert.equal(missing.error.issues[0].path, 'options.signal');
  const throwing = {
    aborted: false,
    addEventListener() { throw new Error('nope'); },
    removeEventListener() { throw new Error('nope'); },
  };
  const { value } = await settled(lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, signal: throwing }));
  assert.equal(value.task.status, 'pending');
  const w = await settled(lib.waitForTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, signal: throwing, maxWaitMs: 300, pollIntervalMs: 50 }));
  assert.equal(w.error?.name, 'WaitTimeoutError');
  assert.deepEqual(uncaught, []);
  await stillWorks();
});

test('the key is scrubbed from a kept cause, an abort reason and debug lines (by value)', async () => {
  const key = 'sk-SECRET-123456';
  const fetch = (u, init) => Promise.reject(new Error(`request failed: ${new Headers(init.headers).get('authorization')}`));
  const { error } = await settled(lib.fetchTask('x', { baseUrl: 'https://api.example.test', apiKey: key, maxRetries: 0, fetch }));
  assert.equal(error.name, 'APIConnectionError');
  assert.ok(!`${error.cause.message}${error.cause.stack}`.includes(key), error.cause.message);
  assert.match(error.cause.message, /\[redacted\]/);
  const controller = new AbortController();
  controller.abort(new Error(`stop ${key}`));
  const aborted = await settled(lib.fetchTask('x', { baseUrl: 'https://api.example.test', apiKey: key, signal: controller.signal, fetch }));
  assert.equal(aborted.error.name, 'APIUserAbortError');
  assert.ok(!String(aborted.error.cause?.message).includes(key));
  const lines = [];
  const logger = { debug: (...a) => lines.push(JSON.stringify(a)), info: () => {}, warn: () => {} };
  await settled(lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, logLevel: 'debug', logger, headers: { 'x-api-key': key } }));
  await settled(lib.fetchTask('x', { baseUrl: `https://api.example.test/${key}`, apiKey: key, maxRetries: 0, logLevel: 'debug', logger, fetch }));
  assert.ok(lines.length >= 2);
  // The first call had no apiKey: its header is the caller's own business and shows; with
  // the key set, any header or URL text equal to it is redacted.
  assert.ok(!lines.slice(1).join('').includes(key), lines.slice(1).join('\n'));
});

test('new HandingerClient(revoked Proxy) throws a ValidationError, not a raw TypeError', () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.throws(() => new lib.HandingerClient(proxy), lib.ValidationError);
  assert.equal(lib.safeParseTaskWithTurns(proxy).success, false);
});

test("a rejected call's stack shows the caller's frames, not only wasm ones", async () => {
  async function callerFrameMarker() {
    return lib.fetchTask('tsk_nope', { baseUrl: mock.url, apiKey: null, maxRetries: 0 });
  }
  const err = await callerFrameMarker().catch((e) => e);
  assert.equal(err.name, 'NotFoundError');
  assert.match(err.stack, /^NotFoundError: 404 /);
  assert.match(err.stack, /callerFrameMarker/);
  assert.doesNotMatch(err.stack, /wasm:\/\//);
});

// Second attack round.
test('thousands of hostile objects (throwing getters, throwing traps) never wear the instance out', () => {
  const seed = JSON.parse(SEED);
  const withThrowingGetter = () => {
    const d = structuredClone(seed);
    delete d.task.completedAt; // forces the copy that reads every field
    Object.defineProperty(d.task, 'extra', { enumerable: true, get() { throw new Error('getter'); } });
    return d;
  };
  const trapProxy = new Proxy(structuredClone(seed), { ownKeys() { throw new Error('trap'); } });
  for (let i = 0; i < 13000; i++) {
    const r = lib.safeParseTaskWithTurns(i % 2 ? withThrowingGetter() : trapProxy);
    if (i % 2) assert.equal(r.success, false);
  }
  assert.equal(lib.parseTaskWithTurns(SEED).task.id, seed.task.id);
  assert.equal(lib.parseTaskWithTurns(new TextEncoder().encode(SEED)).task.id, seed.task.id);
});

test('bytes whose own length lies are read by their real length', async () => {
  const real = new TextEncoder().encode(SEED);
  const liar = real.slice();
  Object.defineProperty(liar, 'length', { get: () => 3 });
  assert.equal(lib.parseTaskWithTurns(liar).task.id, JSON.parse(SEED).task.id);
  let n = 0;
  const flicker = () => {
    const u = real.slice();
    Object.defineProperty(u, 'length', { get: () => real.length + (n++ % 2) });
    return u;
  };
  const fetch = async () => new Response(new ReadableStream({ start(c) { c.enqueue(flicker()); c.close(); } }));
  const { value, error } = await settled(lib.fetchTask('x', { ...far, fetch }));
  assert.equal(error, undefined, String(error));
  assert.equal(value.task.id, JSON.parse(SEED).task.id);
  assert.deepEqual(uncaught, []);
});

test('aborting from onUpdate, or from inside a custom fetch, leaves no unhandled rejection', async () => {
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    const running = JSON.parse(readFileSync(new URL('../fixtures/running-task.json', import.meta.url), 'utf8'));
    const ac = new AbortController();
    const r1 = await settled(lib.waitForTask('x', { ...far, signal: ac.signal, fetch: async () => Response.json(running), onUpdate: () => ac.abort() }));
    assert.equal(r1.error?.name, 'APIUserAbortError');
    const ac2 = new AbortController();
    const fetch = () => {
      ac2.abort();
      return Promise.reject(new Error('fetch rejected'));
    };
    const r2 = await settled(lib.fetchTask('x', { ...far, signal: ac2.signal, fetch }));
    assert.equal(r2.error?.name, 'APIUserAbortError');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(unhandled.map(String), []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('checkTaskConsistency on 100 000 disordered foreign turns: capped and fast', () => {
  const seed = JSON.parse(SEED);
  const n = 100_000;
  seed.turns = Array.from({ length: n }, (_, i) => ({ ...seed.turns[0], seq: n - i, taskId: 'tsk_other' }));
  seed.task.totals.turnCount = n;
  const started = Date.now();
  const issues = lib.checkTaskConsistency(seed);
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  assert.ok(issues.length <= 103, `${issues.length}`);
  assert.equal(issues.at(-1).code, 'too_many_issues');
});

test('maxWaitMs ending during a poll\'s own retry wait still names the error it was retrying', async () => {
  const fetch = async () => new Response('{"error":"slow down"}', { status: 429, headers: { 'retry-after': '60' } });
  const { error } = await settled(lib.waitForTask('x', { ...far, maxRetries: 2, maxWaitMs: 500, fetch }));
  assert.equal(error?.name, 'WaitTimeoutError');
  assert.equal(error.cause?.name, 'RateLimitError');
  assert.match(error.message, /last error: 429 slow down/);
});

test("look-alike spellings of handinger.com are read as the host fetch would request", async () => {
  const sent = [];
  const fetch = async (u) => {
    sent.push(u);
    return new Response('{}', { status: 401 });
  };
  for (const base of ['https://handinger\u3002com', 'https://\uff28\uff21\uff2e\uff24\uff29\uff2e\uff27\uff25\uff32.com', 'https://hand\u00adinger.com']) {
    const { error } = await settled(lib.fetchTask('x', { baseUrl: base, apiKey: null, maxRetries: 0, fetch }));
    assert.ok(error instanceof lib.ValidationError, `${base}: ${error}`);
    assert.equal(error.issues[0].path, 'options.apiKey');
  }
  const { error } = await settled(lib.fetchTask('x', { baseUrl: 'https://handinger\u200d.com', apiKey: null, maxRetries: 0, fetch }));
  assert.ok(error instanceof lib.ValidationError);
  assert.equal(error.issues[0].path, 'options.baseUrl');
  assert.deepEqual(sent, []);
});

// Third attack round.
test('calls made with the JS stack nearly exhausted cannot poison the instance', () => {
  const seed = JSON.parse(SEED);
  const clone = () => structuredClone(seed);
  function deep() {
    try {
      deep();
    } catch {
      // the stack is full here
    }
    try {
      lib.parseTaskWithTurns(clone());
      lib.checkTaskConsistency(seed);
    } catch {
      // may fail this close to the limit
    }
  }
  deep();
  assert.equal(lib.parseTaskWithTurns(clone()).task.id, seed.task.id);
  assert.deepEqual(lib.checkTaskConsistency(seed), []);
});

test('with a key set, a kept cause is a scrubbed stand-in: nested causes, names, config objects', async () => {
  const { inspect } = await import('node:util');
  const key = 'sk-SECRET-cause-42';
  const throwers = [
    (init) => { const e = new Error('Request failed'); e.config = { headers: { Authorization: init.headers.get('authorization') } }; throw e; },
    () => { throw new Error('fetch failed', { cause: new Error('x', { cause: new Error(`Bearer ${key}`) }) }); },
    () => { const e = new Error('boom'); e.name = `Bearer ${key}`; throw e; },
    () => { throw new AggregateError([new Error(key)], 'many'); },
    (init) => { throw { auth: init.headers.get('authorization') }; },
  ];
  for (const thrower of throwers) {
    const { error } = await settled(lib.fetchTask('x', { baseUrl: 'https://api.example.test', apiKey: key, maxRetries: 0, fetch: (u, init) => thrower(init) }));
    assert.equal(error?.name, 'APIConnectionError');
    assert.ok(!inspect(error, { depth: 20, showHidden: true }).includes(key), inspect(error, { depth: 20 }));
  }
  const ac = new AbortController();
  ac.abort(new Error('stop', { cause: { token: key } }));
  const { error } = await settled(lib.fetchTask('x', { baseUrl: 'https://api.example.test', apiKey: key, signal: ac.signal }));
  assert.equal(error?.name, 'APIUserAbortError');
  assert.ok(!inspect(error, { depth: 20, showHidden: true }).includes(key));
});

test('maxWaitMs ending while a retry attempt is in flight still names the error being retried', async () => {
  let n = 0;
  const fetch = async () => (n++ === 0 ? new Response('busy', { status: 503, headers: { 'retry-after-ms': '10' } }) : new Promise(() => {}));
  const { error } = await settled(lib.waitForTask('x', { ...far, maxRetries: 2, maxWaitMs: 300, fetch }));
  assert.equal(error?.name, 'WaitTimeoutError');
  assert.equal(error.cause?.name, 'InternalServerError');
  assert.match(error.message, /last error: 503 busy/);
});

test('HANDINGER_BASE_URL is read as fetch reads it too (look-alike host, no key → refused)', async () => {
  const sent = [];
  process.env.HANDINGER_BASE_URL = 'https://handinger\u3002com';
  try {
    const { error } = await settled(lib.fetchTask('x', { apiKey: null, fetch: async (u) => (sent.push(u), new Response('{}')) }));
    assert.ok(error instanceof lib.ValidationError, String(error));
    assert.equal(error.issues[0].path, 'options.apiKey');
  } finally {
    delete process.env.HANDINGER_BASE_URL;
  }
  assert.deepEqual(sent, []);
});

test('throwing getters, traps and unreadable Responses cost no lasting wasm resources', async () => {
  // The instance's externref table: one slot leaked per caught exception would grow it.
  const { createRequire } = await import('node:module');
  const { dirname, join } = await import('node:path');
  const require = createRequire(import.meta.url);
  const table = require(join(dirname(require.resolve('handinger-wasm')), 'handinger_wasm.js')).__wasm.__wbindgen_externrefs;
  const seed = JSON.parse(SEED);
  const hostile = () => {
    const d = structuredClone(seed);
    delete d.task.completedAt;
    Object.defineProperty(d.task, 'extra', { enumerable: true, get() { throw new Error('getter'); } });
    return d;
  };
  const run = async () => {
    for (let i = 0; i < 2000; i++) {
      lib.safeParseTaskWithTurns(SEED, { get strict() { throw new Error('x'); } });
      lib.safeParseTaskWithTurns(hostile());
      lib.safeParseTaskWithTurns(new Proxy({}, { get() { throw new Error('trap'); } }));
    }
    for (let i = 0; i < 200; i++) await lib.fetchTask('x', { ...far, fetch: async () => ({ status: 200 }) }).catch(() => {});
  };
  await run(); // let the table reach its working size
  const before = table.length;
  await run();
  assert.ok(table.length <= before, `externref table grew from ${before} to ${table.length}`);
});
