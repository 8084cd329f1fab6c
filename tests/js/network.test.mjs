// Retries, timeouts, aborts, limits and waitForTask through the built package in Node,
// against the mock API's fault modes (cases shared with the Chromium run).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'handinger-wasm';
import { startMockApi } from '../mock-api/index.mjs';
import { checkOutcome, networkCases, runCase } from '../shared/network-cases.mjs';

let mock;
before(async () => {
  mock = await startMockApi();
});
after(() => mock.close());

for (const c of networkCases(`node-${process.pid}`)) {
  test(c.name, async () => {
    const out = await runCase(lib, mock.url, c);
    // Let a dropped or stalled connection settle before counting what the server saw.
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(checkOutcome(c, out, mock.requestsFor(c.id)), []);
  });
}

test('the instance stays usable after all of the above', async () => {
  const task = await lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null });
  assert.equal(task.task.status, 'pending');
});

test('HANDINGER_BASE_URL is the Node fallback for baseUrl', async () => {
  process.env.HANDINGER_BASE_URL = mock.url;
  try {
    assert.equal((await lib.fetchTask('tsk_pend-1', { apiKey: null })).task.id, 'tsk_pend-1');
  } finally {
    delete process.env.HANDINGER_BASE_URL;
  }
});

test('a custom fetch receives (url, init) and its Response is used', async () => {
  const seen = [];
  const fetch = (url, init) => {
    seen.push({ url, accept: init.headers.get('accept') });
    return globalThis.fetch(url, init);
  };
  await lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, fetch });
  assert.deepEqual(seen, [{ url: `${mock.url}/api/tasks/tsk_pend-1`, accept: 'application/json' }]);
});

test('logLevel: each attempt, retry decision and failure reach the logger, never the key', async () => {
  const key = 'hk_test_mock_0123456789';
  const lines = [];
  const logger = Object.fromEntries(['debug', 'info', 'warn'].map((m) => [m, (msg, details) => lines.push({ m, msg, details })]));
  const id = `fault:status=503;retry-after-ms=10;n=log-${process.pid}`;
  await assert.rejects(lib.fetchTask(id, { baseUrl: mock.url, apiKey: key, maxRetries: 1, logLevel: 'debug', logger }), lib.InternalServerError);
  assert.deepEqual(lines.map((l) => l.m), ['debug', 'info', 'debug', 'warn']);
  assert.match(lines[0].msg, /^handinger-wasm: GET http:\/\/127\.0\.0\.1:\d+\/api\/tasks\/fault:status=503.* \(attempt 1 of at most 2\)$/);
  assert.deepEqual(lines[0].details.headers, { authorization: 'Bearer [redacted]', accept: 'application/json' });
  assert.match(lines[1].msg, /retrying GET .* in 10 ms after: 503 Simulated 503 \(retry 1 of 1\)$/);
  assert.match(lines[3].msg, /failed after 2 attempt\(s\): 503 Simulated 503$/);
  assert.ok(!JSON.stringify(lines).includes(key));

  const quiet = [];
  const q = { debug: (m) => quiet.push(m), info: (m) => quiet.push(m), warn: (m) => quiet.push(m) };
  await lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, logger: q });
  await lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, logger: q, logLevel: 'warn' });
  assert.deepEqual(quiet, [], "'off' by default, and 'warn' says nothing on success");
  await assert.rejects(lib.fetchTask('t', { logLevel: 'verbose' }), /options.logLevel: expected 'off', 'warn', 'info' or 'debug'/);
});

test('a logger that throws does not break the request', async () => {
  const logger = { debug() { throw new Error('boom'); } };
  const task = await lib.fetchTask('tsk_pend-1', { baseUrl: mock.url, apiKey: null, logLevel: 'debug', logger });
  assert.equal(task.task.id, 'tsk_pend-1');
});
