// Network scenarios against the mock API's fault modes, shared by the Node test
// (tests/js/network.test.mjs) and the Chromium test (tests/browser/network.test.mjs): the
// same cases run through the built package in both runtimes. Each case states the outcome
// AND how many requests the server must have seen.
//
// A case: { name, id, call?, options, abort?, expect: { ok | error, requests, … } }
//   abort: { before: true } | { afterMs, reason }   — the caller's AbortSignal
//   expect.maxMs / minMs: elapsed-time bounds (generous: they catch hangs and ignored
//   delays, not speed)

const SEED_ID = 'tsk_2Z-YWz3hFq6VlW';

export function networkCases(nonce) {
  let k = 0; // every case its own id, so the server's counts are per case
  const id = (spec) => `fault:${spec};n=${nonce}-${k++}`;
  const fast = { maxRetries: 2 };
  return [
    { name: '500 then 200 succeeds on the retry', id: id('status=500,200'), options: fast, call: 'withResponse', expect: { ok: true, requests: 2, retries: 1 } },
    { name: '503 three times gives up after maxRetries', id: id('status=503'), options: fast, expect: { error: 'InternalServerError', requests: 3 } },
    { name: 'maxRetries: 0 makes one attempt', id: id('status=503'), options: { maxRetries: 0 }, expect: { error: 'InternalServerError', requests: 1 } },
    { name: '404 is never retried', id: id('status=404'), options: fast, expect: { error: 'NotFoundError', requests: 1 } },
    { name: '408, 409 and 429 are retried', id: id('status=408,409,429,200;retry-after-ms=10'), options: { maxRetries: 3 }, expect: { ok: true, requests: 4 } },
    { name: 'x-should-retry: false wins over 503', id: id('status=503;should-retry=false'), options: fast, expect: { error: 'InternalServerError', requests: 1 } },
    { name: 'x-should-retry: true retries a 400', id: id('status=400,200;should-retry=true;retry-after-ms=10'), options: fast, expect: { ok: true, requests: 2 } },
    { name: 'retry-after: 1 (seconds) is honoured', id: id('status=429,200;retry-after=1'), options: fast, expect: { ok: true, requests: 2, minMs: 900 } },
    { name: 'retry-after-ms: 300 is honoured', id: id('status=503,200;retry-after-ms=300'), options: fast, expect: { ok: true, requests: 2, minMs: 280 } },
    { name: 'retry-after as an HTTP date', id: id('status=503,200;retry-after-date=2'), options: fast, expect: { ok: true, requests: 2, minMs: 900 } },
    { name: 'retry-after: 120 is ignored (backoff instead)', id: id('status=503,200;retry-after=120'), options: fast, expect: { ok: true, requests: 2, maxMs: 3000 } },
    { name: 'slow headers hit timeoutMs, and the timeout is retried', id: id('delay=3000'), options: { maxRetries: 1, timeoutMs: 200 }, expect: { error: 'APIConnectionTimeoutError', requests: 2, maxMs: 2500 } },
    { name: 'a body that stalls hits timeoutMs', id: id('stall=0'), options: { maxRetries: 0, timeoutMs: 300 }, expect: { error: 'APIConnectionTimeoutError', requests: 1, maxMs: 2000 } },
    { name: 'a slow but steady body within the timeout is fine', id: id('stall=100'), options: { maxRetries: 0, timeoutMs: 2000 }, expect: { ok: true, requests: 1 } },
    { name: 'truncated JSON in a complete 200 is an APIResponseValidationError', id: id('truncate=120'), options: fast, expect: { error: 'APIResponseValidationError', requests: 1, issue: 'invalid_json' } },
    { name: 'a connection dropped mid-body is an APIConnectionError, retried', id: id('drop=100'), options: { maxRetries: 1 }, expect: { error: 'APIConnectionError', requests: 2 } },
    { name: 'an HTML 502 page: status and text cut to 500 chars', id: id('status=502;html=1'), options: { maxRetries: 0 }, expect: { error: 'InternalServerError', requests: 1, messageStarts: '502 <!doctype html>', messageMaxChars: 505 } },
    { name: 'a body without Content-Length', id: id('chunked=1'), options: fast, expect: { ok: true, requests: 1 } },
    { name: 'maxResponseBytes: a large Content-Length is refused', id: id('huge=300000'), options: { maxResponseBytes: 100000 }, expect: { error: 'APIError', requests: 1, messageIncludes: 'maxResponseBytes' } },
    { name: 'maxResponseBytes: counted while streaming (no Content-Length)', id: id('huge=300000;chunked=1'), options: { maxResponseBytes: 100000 }, expect: { error: 'APIError', requests: 1, messageIncludes: 'maxResponseBytes' } },
    { name: 'a large body under the limit', id: id('huge=3000000;chunked=1'), options: fast, expect: { ok: true, requests: 1 } },
    { name: 'already aborted: no request at all', id: id('status=200'), options: fast, abort: { before: true }, expect: { error: 'APIUserAbortError', requests: 0 } },
    { name: 'aborted while waiting for headers', id: id('delay=5000'), options: fast, abort: { afterMs: 150 }, expect: { error: 'APIUserAbortError', requests: 1, maxMs: 1500 } },
    { name: 'aborted while reading the body (string reason)', id: id('stall=0'), options: fast, abort: { afterMs: 200, reason: 'stop' }, expect: { error: 'APIUserAbortError', requests: 1, maxMs: 1500 } },
    { name: 'aborted during a retry wait (Error reason)', id: id('status=503,200;retry-after=5'), options: fast, abort: { afterMs: 300, reason: 'error' }, expect: { error: 'APIUserAbortError', requests: 1, maxMs: 2000 } },
    { name: 'the key echoed by the server is redacted everywhere', id: id('status=401;echo-key=1'), options: { maxRetries: 0, apiKey: 'hk_test_mock_0123456789' }, expect: { error: 'AuthenticationError', requests: 1, noSecret: 'hk_test_mock_0123456789' } },
    { name: 'waitForTask: pending → running → completed, onUpdate on each change', id: id('progress=1'), call: 'wait', options: { pollIntervalMs: 50 }, expect: { ok: true, requests: 3, updates: ['pending', 'running', 'completed'] } },
    { name: 'waitForTask: maxWaitMs ends in WaitTimeoutError with the last snapshot', id: id(`task=tsk_run-8Qm2xV`), call: 'wait', options: { pollIntervalMs: 50, maxWaitMs: 400 }, expect: { error: 'WaitTimeoutError', lastStatus: 'running', maxMs: 2000 } },
    { name: 'waitForTask: abort mid-sleep', id: id(`task=tsk_run-8Qm2xV`), call: 'wait', options: { pollIntervalMs: 5000 }, abort: { afterMs: 200 }, expect: { error: 'APIUserAbortError', requests: 1, maxMs: 1500 } },
    { name: 'waitForTask: an already terminal task returns at once', id: id(`task=${SEED_ID}`), call: 'wait', options: {}, expect: { ok: true, requests: 1, updates: ['completed'] } },
  ];
}

/** Runs one case with the package `lib` against `baseUrl`; returns a plain outcome object. */
export async function runCase(lib, baseUrl, c) {
  const controller = new AbortController();
  const reasons = { stop: 'stop', error: new Error('user stop') };
  if (c.abort?.before) controller.abort();
  const timer = c.abort?.afterMs ? setTimeout(() => controller.abort(reasons[c.abort.reason]), c.abort.afterMs) : null;
  const updates = [];
  const options = { baseUrl, apiKey: null, signal: controller.signal, onUpdate: (t) => updates.push(t.task.status), ...c.options };
  const started = Date.now();
  const out = { ok: false };
  try {
    const call = { wait: lib.waitForTask, withResponse: lib.fetchTaskWithResponse }[c.call] ?? lib.fetchTask;
    const result = await call(c.id, options);
    out.ok = true;
    out.retries = result.retries;
  } catch (err) {
    out.error = err?.name;
    out.isHandingerError = err instanceof lib.HandingerError;
    out.isClass = err instanceof lib[err?.name];
    out.message = err?.message;
    out.status = err?.status;
    out.issue = err?.issues?.[0]?.code;
    out.lastStatus = err?.lastTask?.task?.status;
    out.everything = JSON.stringify({ m: err?.message, s: err?.stack, b: err?.body, h: err?.headers, e: err?.error });
  } finally {
    clearTimeout(timer);
  }
  out.elapsedMs = Date.now() - started;
  out.updates = updates;
  return out;
}

/** Checks an outcome against the case; returns a list of problems (empty = pass). */
export function checkOutcome(c, out, requests) {
  const e = c.expect;
  const problems = [];
  const want = (cond, what) => cond || problems.push(what);
  if (e.ok) want(out.ok, `expected success, got ${out.error}: ${out.message}`);
  if (e.error) {
    want(out.error === e.error, `expected ${e.error}, got ${out.ok ? 'success' : `${out.error}: ${out.message}`}`);
    want(out.isHandingerError && out.isClass, 'error is not an instance of its exported class');
  }
  if (e.requests !== undefined && requests !== undefined) want(requests === e.requests, `expected ${e.requests} requests, server saw ${requests}`);
  if (e.retries !== undefined) want(out.retries === e.retries, `expected retries ${e.retries}, got ${out.retries}`);
  if (e.minMs) want(out.elapsedMs >= e.minMs, `took ${out.elapsedMs} ms, expected >= ${e.minMs}`);
  if (e.maxMs) want(out.elapsedMs <= e.maxMs, `took ${out.elapsedMs} ms, expected <= ${e.maxMs}`);
  if (e.issue) want(out.issue === e.issue, `expected issue ${e.issue}, got ${out.issue}`);
  if (e.messageStarts) want(out.message?.startsWith(e.messageStarts), `message ${JSON.stringify(out.message)}`);
  if (e.messageMaxChars) want([...(out.message ?? '')].length <= e.messageMaxChars, `message too long: ${out.message?.length}`);
  if (e.messageIncludes) want(out.message?.includes(e.messageIncludes), `message ${JSON.stringify(out.message)}`);
  if (e.noSecret) want(!out.everything.includes(e.noSecret) && out.everything.includes('[redacted]'), `secret leaked: ${out.everything}`);
  if (e.updates) want(JSON.stringify(out.updates) === JSON.stringify(e.updates), `updates ${JSON.stringify(out.updates)}`);
  if (e.lastStatus) want(out.lastStatus === e.lastStatus, `lastTask status ${out.lastStatus}`);
  return problems;
}
