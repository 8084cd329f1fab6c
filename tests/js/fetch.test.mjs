// Integration tests of the BUILT package, imported by its name (installed from the packed
// tarball), against the mock API on 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APIError,
  AuthenticationError,
  HandingerClient,
  HandingerError,
  NotFoundError,
  ValidationError,
  fetchTask,
  fetchTaskWithResponse,
  isTerminalStatus,
  validateTaskId,
} from 'handinger-wasm';
import { startMockApi, TEST_API_KEY } from '../mock-api/index.mjs';

let mock;
before(async () => {
  mock = await startMockApi();
});
after(() => mock.close());

const opts = (extra = {}) => ({ baseUrl: mock.url, apiKey: TEST_API_KEY, maxRetries: 0, ...extra });
// Headers any HTTP client adds; everything else the server saw was sent on purpose.
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'accept-encoding', 'accept-language', 'sec-fetch-mode', 'user-agent']);
const sentHeaders = (req) => Object.keys(req.headers).filter((h) => !TRANSPORT_HEADERS.has(h)).sort();

describe('fetchTask against the mock API', () => {
  test('returns every fixture, deep-equal to the JSON the server sent', async () => {
    assert.ok(mock.fixtures.size >= 4);
    for (const [id, { text }] of mock.fixtures) {
      const task = await fetchTask(id, opts());
      assert.deepEqual(task, JSON.parse(text), id);
      const req = mock.requests.at(-1);
      assert.equal(req.path, `/api/tasks/${encodeURIComponent(id)}`);
      assert.equal(req.method, 'GET');
    }
  });

  test('sends Authorization and Accept, and nothing else custom', async () => {
    await fetchTask('tsk_pend-1', opts());
    const req = mock.requests.at(-1);
    assert.equal(req.headers.authorization, `Bearer ${TEST_API_KEY}`);
    assert.equal(req.headers.accept, 'application/json');
    assert.deepEqual(sentHeaders(req), ['accept', 'authorization']);
  });

  test('apiKey: null sends no Authorization, even with HANDINGER_API_KEY set', async () => {
    process.env.HANDINGER_API_KEY = 'from-env';
    try {
      await fetchTask('tsk_pend-1', opts({ apiKey: null }));
      assert.equal(mock.requests.at(-1).headers.authorization, undefined);
      // Undefined falls back to the environment, read at call time.
      await assert.rejects(fetchTask('tsk_pend-1', opts({ apiKey: undefined })), AuthenticationError);
      assert.equal(mock.requests.at(-1).headers.authorization, 'Bearer from-env');
    } finally {
      delete process.env.HANDINGER_API_KEY;
    }
  });

  test('a wrong key is an AuthenticationError that never shows the key', async () => {
    const key = 'hk_wrong_but_secret_999';
    const err = await fetchTask('tsk_pend-1', opts({ apiKey: key })).catch((e) => e);
    assert.ok(err instanceof AuthenticationError && err instanceof APIError && err instanceof HandingerError && err instanceof Error);
    assert.equal(err.name, 'AuthenticationError');
    assert.equal(err.status, 401);
    assert.equal(err.message, '401 Invalid API key');
    assert.match(err.requestId, /^req_mock_\d+$/);
    assert.equal(err.headers['x-request-id'], err.requestId);
    assert.deepEqual(err.body, { error: 'Invalid API key' });
    const everything = JSON.stringify({ m: err.message, s: err.stack, b: err.body, h: err.headers });
    assert.ok(!everything.includes(key));
  });

  test('an unknown id is a NotFoundError carrying the JSON error', async () => {
    const err = await fetchTask('tsk_missing', opts()).catch((e) => e);
    assert.ok(err instanceof NotFoundError);
    assert.equal(err.status, 404);
    assert.equal(err.message, '404 Task not found: tsk_missing');
    assert.deepEqual(err.error, { error: 'Task not found: tsk_missing' });
  });

  test('invalid ids reject with ValidationError and no request is made', async () => {
    const before = mock.requests.length;
    const bad = [42, null, undefined, Symbol('x'), {}, '', '   ', '.', '..', '%2e%2E', '.%2e', 'a\u0000b', 'tab\there', 'x'.repeat(1025)];
    for (const id of bad) {
      const p = fetchTask(id, opts());
      assert.ok(p instanceof Promise, 'never throws synchronously');
      const err = await p.catch((e) => e);
      assert.ok(err instanceof ValidationError, String(typeof id === 'symbol' ? 'symbol' : id));
      assert.equal(err.issues[0].path, 'taskId');
      assert.equal(err.issues[0].code, 'invalid_task_id');
    }
    assert.equal(mock.requests.length, before);
  });

  test('an id that needs encoding reaches the server as exactly one path segment', async () => {
    const cases = [
      ['a/b', '/api/tasks/a%2Fb'],
      ['%20', '/api/tasks/%2520'],
      ['x?admin=true', '/api/tasks/x%3Fadmin=true'],
      ['a b#c', '/api/tasks/a%20b%23c'],
      ['..a', '/api/tasks/..a'],
      ['日本', '/api/tasks/%E6%97%A5%E6%9C%AC'],
    ];
    for (const [id, path] of cases) {
      const err = await fetchTask(id, opts()).catch((e) => e);
      assert.ok(err instanceof NotFoundError, id);
      assert.equal(mock.requests.at(-1).path, path);
      assert.equal(err.message, `404 Task not found: ${id}`, 'the server decodes it back to the id');
    }
  });

  test('baseUrl with a trailing slash', async () => {
    const task = await fetchTask('tsk_pend-1', opts({ baseUrl: `${mock.url}/` }));
    assert.equal(task.task.id, 'tsk_pend-1');
    assert.equal(mock.requests.at(-1).path, '/api/tasks/tsk_pend-1');
  });

  test('bad options reject with ValidationError naming each option', async () => {
    const err = await fetchTask('t', { baseUrl: 'ftp://x', timeoutMs: -5, headers: { 'x-ok': 7 } }).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(err.issues.map((i) => i.path).sort(), ['options.baseUrl', 'options.headers.x-ok', 'options.timeoutMs']);
    const http = await fetchTask('t', { baseUrl: 'http://example.com' }).catch((e) => e);
    assert.match(http.message, /http:\/\/ is refused for non-loopback hosts/);
  });
});

describe('fetchTaskWithResponse and HandingerClient', () => {
  test('fetchTaskWithResponse returns data, status, headers, requestId and retries', async () => {
    const res = await fetchTaskWithResponse('tsk_mt-77aa', opts());
    assert.equal(res.status, 200);
    assert.equal(res.retries, 0);
    assert.equal(res.data.turns.length, 3);
    assert.match(res.requestId, /^req_mock_\d+$/);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  });

  test('a client holds options; each call may override them', async () => {
    const client = new HandingerClient(opts());
    assert.equal((await client.fetchTask('tsk_run-8Qm2xV')).task.status, 'running');
    const err = await client.fetchTask('tsk_run-8Qm2xV', { apiKey: 'nope' }).catch((e) => e);
    assert.ok(err instanceof AuthenticationError);
    assert.throws(() => new HandingerClient({ maxRetries: 'two' }), ValidationError);
  });
});

describe('sync helpers work right after import', () => {
  test('validateTaskId returns the id unchanged or throws', () => {
    assert.equal(validateTaskId('a/b'), 'a/b');
    assert.throws(() => validateTaskId(''), ValidationError);
    assert.throws(() => validateTaskId(5), (e) => e instanceof ValidationError && /expected a string, received number 5/.test(e.message));
  });

  test('isTerminalStatus', () => {
    assert.deepEqual(['pending', 'running', 'completed', 'error', 'aborted'].map(isTerminalStatus), [false, false, true, true, true]);
  });
});

describe('misuse caught before any request', () => {
  const spy = () => {
    const calls = [];
    const fetch = (url, init) => {
      calls.push(String(url));
      return globalThis.fetch(url, init);
    };
    return { calls, fetch };
  };

  test("Handinger's own API without a key is refused (it could only answer 401)", async () => {
    const { calls, fetch } = spy();
    for (const o of [{}, { apiKey: null }, { baseUrl: 'https://api.handinger.com/v1' }]) {
      const err = await fetchTask('tsk_pend-1', { fetch, ...o }).catch((e) => e);
      assert.ok(err instanceof ValidationError, String(err));
      assert.equal(err.issues[0].path, 'options.apiKey');
      assert.match(err.message, /HANDINGER_API_KEY/);
    }
    assert.deepEqual(calls, []);
  });

  test("the official SDK's option names are reported, not silently ignored", async () => {
    const { calls, fetch } = spy();
    const err = await fetchTask('tsk_pend-1', { apiKey: TEST_API_KEY, fetch, baseURL: mock.url, timeout: 5, defaultHeaders: {} }).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(err.issues.map((i) => i.path), ['options.baseURL', 'options.timeout', 'options.defaultHeaders']);
    assert.match(err.issues[0].message, /use baseUrl/);
    assert.deepEqual(calls, []);
  });

  test('misspelt option names are reported with the one meant; other extra keys are left alone', async () => {
    const { calls, fetch } = spy();
    const err = await fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, fetch, timeoutMS: 100, maxRetrys: 5 }).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(err.issues.map((i) => i.message), ['options.timeoutMS: unknown option: did you mean timeoutMs?', 'options.maxRetrys: unknown option: did you mean maxRetries?']);
    assert.deepEqual(calls, []);
    const task = await fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, fetch, appName: 'mine', id: 7, headless: true, fetcher: 'x' });
    assert.equal(task.task.id, 'tsk_pend-1');
  });

  test('options that cannot be read: one issue, not an echo about the key', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const err = await fetchTask('tsk_pend-1', proxy).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(err.issues.map((i) => i.path), ['options']);
  });

  test('a relative baseUrl is refused in Node (no page to resolve it against)', async () => {
    const err = await fetchTask('tsk_pend-1', { baseUrl: '/proxy', apiKey: null }).catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.equal(err.issues[0].path, 'options.baseUrl');
  });

  test('a HandingerClient method taken off its client says so', async () => {
    const client = new HandingerClient(opts());
    const detached = client.fetchTask;
    const err = await detached('tsk_pend-1').catch((e) => e);
    assert.ok(err instanceof ValidationError);
    assert.match(err.message, /called without its client/);
    assert.equal((await client.fetchTask('tsk_pend-1')).task.id, 'tsk_pend-1');
  });
});

test('an abort keeps its reason as the cause (AbortSignal.timeout → TimeoutError)', async () => {
  const err = await fetchTask('fault:stall=0;n=abort-cause', opts({ signal: AbortSignal.timeout(100) })).catch((e) => e);
  assert.equal(err.name, 'APIUserAbortError');
  assert.equal(err.cause?.name, 'TimeoutError');
  const controller = new AbortController();
  setTimeout(() => controller.abort('user pressed stop'), 50);
  const err2 = await fetchTask('fault:stall=0;n=abort-cause-2', opts({ signal: controller.signal })).catch((e) => e);
  assert.equal(err2.cause, 'user pressed stop');
});
