// Network scenarios against the mock API's fault modes, shared by the Node test
// (tests/js/network.test.mjs) and the Chromium test (tests/browser/network.test.mjs): the
// same cases run through the built package in both runtimes. Each case states the outcome
// AND how many requests the server must have seen.
//
// A case: { name, id, call?, options, abort?, fetch?, log?, expect: { ok | error, requests, … } }
//   abort: { before: true } | { afterMs, reason }   — the caller's AbortSignal
//   fetch: 'spy' (wraps the global fetch, counting calls) | 'fake' (answers with the seed
//          task without any network: for hosts that must never be contacted)
//   log: a logLevel; the lines reach a recording logger
//   expect.maxMs / minMs: elapsed-time bounds (generous: they catch hangs and ignored
//   delays, not speed); expect.abortToRejectMs: from abort() to the rejection

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
    // waitForTask and transient errors: a poll that fails after its own retries does not end the wait.
    { name: 'waitForTask: a 503 streak longer than maxRetries is outlasted within maxWaitMs', id: id('status=503,503,503,503,200;retry-after-ms=10'), call: 'wait', options: { maxRetries: 1, pollIntervalMs: 50, maxWaitMs: 10000 }, expect: { ok: true, requests: 5, updates: ['completed'] } },
    { name: 'waitForTask: 429 during a wait, its Retry-After respected', id: id('status=429,200;retry-after=1'), call: 'wait', options: { maxRetries: 0, pollIntervalMs: 50, maxWaitMs: 10000 }, expect: { ok: true, requests: 2, minMs: 900, gapsAtLeastMs: [900] } },
    { name: 'waitForTask: transient errors until maxWaitMs → WaitTimeoutError naming the last error', id: id('status=503;retry-after-ms=50'), call: 'wait', options: { maxRetries: 0, pollIntervalMs: 50, maxWaitMs: 600 }, expect: { error: 'WaitTimeoutError', minRequests: 3, maxRequests: 15, messageIncludes: 'last error: 503 Simulated 503', causeName: 'InternalServerError', maxMs: 2500 } },
    { name: 'waitForTask: without maxWaitMs, 5 failed polls in a row end the wait with the error', id: id('status=503;retry-after-ms=10'), call: 'wait', options: { maxRetries: 0, pollIntervalMs: 20 }, expect: { error: 'InternalServerError', requests: 5, maxMs: 3000 } },
    { name: 'waitForTask: a 404 ends the wait at once', id: id('status=404'), call: 'wait', options: { pollIntervalMs: 20, maxWaitMs: 5000 }, expect: { error: 'NotFoundError', requests: 1 } },
    { name: 'waitForTask: the poll interval grows while nothing changes', id: id('task=tsk_run-8Qm2xV'), call: 'wait', options: { pollIntervalMs: 100, maxWaitMs: 1500 }, expect: { error: 'WaitTimeoutError', minRequests: 4, maxRequests: 8, gapsGrow: 1.5 } },
    { name: 'waitForTask: maxWaitMs counts requests too (no poll after the deadline)', id: id('task=tsk_run-8Qm2xV'), call: 'wait', options: { pollIntervalMs: 200, maxWaitMs: 500 }, expect: { error: 'WaitTimeoutError', minRequests: 2, maxRequests: 3, lastStatus: 'running' } },
    // Options, in both runtimes, with what the server saw.
    { name: 'headers: user headers are sent on every attempt, Accept stays application/json', id: id('status=503,200;retry-after-ms=10'), options: { maxRetries: 1, headers: { 'x-trace-id': 'trace-42' } }, expect: { ok: true, requests: 2, sentHeaders: { 'x-trace-id': 'trace-42', accept: 'application/json' } } },
    { name: 'headers as a Headers object, a Map or [name, value] pairs are sent too', id: id('status=200'), headersAs: ['Headers', 'Map', 'pairs'], options: { headers: { 'x-trace-id': 'h-1' } }, expect: { ok: true, requests: 3, sentHeaders: { 'x-trace-id': 'h-1' } } },
    { name: 'apiKey: sent as a Bearer token; apiKey: null sends no Authorization', id: id('status=200'), options: { apiKey: 'hk_test_mock_0123456789' }, expect: { ok: true, requests: 1, sentHeaders: { authorization: 'Bearer hk_test_mock_0123456789' } } },
    { name: 'apiKey: null sends no Authorization header', id: id('status=200'), options: {}, expect: { ok: true, requests: 1, sentHeaders: { authorization: undefined } } },
    { name: 'fetch: a custom fetch is called once per attempt and its Response used', id: id('status=500,200;retry-after-ms=10'), fetch: 'spy', options: { maxRetries: 1 }, expect: { ok: true, requests: 2, fetchCalls: 2 } },
    { name: 'allowInsecureHttp: http to a non-loopback host is refused before any fetch', id: 'tsk_2Z-YWz3hFq6VlW', fetch: 'fake', options: { baseUrl: 'http://tasks.example.invalid' }, expect: { error: 'ValidationError', fetchCalls: 0, messageIncludes: 'allowInsecureHttp' } },
    { name: 'allowInsecureHttp: true lets http to a non-loopback host through', id: 'tsk_2Z-YWz3hFq6VlW', fetch: 'fake', options: { baseUrl: 'http://tasks.example.invalid', allowInsecureHttp: true }, expect: { ok: true, fetchCalls: 1, fetchedUrl: 'http://tasks.example.invalid/api/tasks/tsk_2Z-YWz3hFq6VlW' } },
    { name: 'logLevel debug: attempts, the retry decision and the failure are logged, the key never', id: id('status=503;retry-after-ms=10'), log: 'debug', options: { maxRetries: 1, apiKey: 'hk_test_mock_0123456789' }, expect: { error: 'InternalServerError', requests: 2, logLevels: ['debug', 'info', 'debug', 'warn'], noSecretInLog: 'hk_test_mock_0123456789' } },
    { name: 'fetchTaskWithResponse: status, headers and x-request-id', id: id('status=200'), call: 'withResponse', options: {}, expect: { ok: true, requests: 1, retries: 0, responseStatus: 200, requestIdLike: 'req_mock_', headerPresent: 'content-type' } },
    { name: 'fetchTaskWithResponse: request-id is the fallback for the request id', id: id('status=200;request-id=plain'), call: 'withResponse', options: {}, expect: { ok: true, requests: 1, requestIdLike: 'req_plain_' } },
    { name: 'an APIError carries the request id (request-id fallback too)', id: id('status=404;request-id=plain'), options: {}, expect: { error: 'NotFoundError', requests: 1, requestIdLike: 'req_plain_' } },
    { name: 'fetch calls are lenient on an unknown status by default', id: id('key-in-body=finished'), options: {}, expect: { ok: true, requests: 1, taskStatus: 'finished' } },
    { name: 'strict: true reports an unknown status as APIResponseValidationError', id: id('key-in-body=finished'), options: { strict: true }, expect: { error: 'APIResponseValidationError', requests: 1, issue: 'invalid_enum_value' } },
    // A download that is given up is cancelled: the server sees the client hang up.
    { name: 'a body over maxResponseBytes stops the download (the server sees the hang-up)', id: id('huge=30000000;chunked=1'), options: { maxResponseBytes: 100000 }, expect: { error: 'APIError', requests: 1, cancelled: 1 } },
    { name: 'abort while reading the body rejects within 100 ms of abort()', id: id('stall=0'), options: fast, abort: { afterMs: 200, reason: 'stop' }, expect: { error: 'APIUserAbortError', requests: 1, abortToRejectMs: 100, cancelled: 1 } },
  ];
}

/** Runs one case with the package `lib` against `baseUrl`; returns a plain outcome object. */
export async function runCase(lib, baseUrl, c) {
  const controller = new AbortController();
  const reasons = { stop: 'stop', error: new Error('user stop') };
  if (c.abort?.before) controller.abort();
  let abortedAt = null;
  const timer = c.abort?.afterMs
    ? setTimeout(() => {
        abortedAt = Date.now();
        controller.abort(reasons[c.abort.reason]);
      }, c.abort.afterMs)
    : null;
  const updates = [];
  const fetched = [];
  const fetches = {
    spy: (url, init) => {
      fetched.push(String(url));
      return globalThis.fetch(url, init);
    },
    fake: async (url) => {
      fetched.push(String(url));
      return new Response(FAKE_SEED, { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
  const logLines = [];
  const logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((m) => [m, (msg, details) => logLines.push({ m, text: JSON.stringify([msg, details]) })]));
  const options = {
    baseUrl,
    apiKey: null,
    signal: controller.signal,
    onUpdate: (t) => updates.push(t.task.status),
    ...(c.fetch ? { fetch: fetches[c.fetch] } : {}),
    ...(c.log ? { logLevel: c.log, logger } : {}),
    ...c.options,
  };
  const started = Date.now();
  const out = { ok: false };
  // The same headers in other shapes fetch accepts, one call each (cases cross to the page as JSON).
  if (c.headersAs) {
    const shapes = { Headers: (h) => new Headers(h), Map: (h) => new Map(Object.entries(h)), pairs: (h) => Object.entries(h) };
    try {
      for (const shape of c.headersAs) await lib.fetchTask(c.id, { ...options, headers: shapes[shape](c.options.headers) });
      out.ok = true;
    } catch (err) {
      out.error = err?.name;
      out.message = err?.message;
    }
    out.elapsedMs = Date.now() - started;
    out.fetched = fetched;
    out.logLevels = [];
    out.logText = '';
    return out;
  }
  try {
    const call = { wait: lib.waitForTask, withResponse: lib.fetchTaskWithResponse }[c.call] ?? lib.fetchTask;
    const result = await call(c.id, options);
    out.ok = true;
    out.retries = result.retries;
    out.responseStatus = result.status;
    out.requestId = result.requestId;
    out.headerNames = result.headers ? Object.keys(result.headers) : undefined;
    out.taskStatus = (result.data ?? result).task?.status;
  } catch (err) {
    out.error = err?.name;
    out.isHandingerError = err instanceof lib.HandingerError;
    out.isClass = err instanceof lib[err?.name];
    out.message = err?.message;
    out.status = err?.status;
    out.issue = err?.issues?.[0]?.code;
    out.lastStatus = err?.lastTask?.task?.status;
    out.requestId = err?.requestId;
    out.causeName = err?.cause?.name;
    out.everything = JSON.stringify({ m: err?.message, s: err?.stack, b: err?.body, h: err?.headers, e: err?.error });
  } finally {
    clearTimeout(timer);
  }
  out.elapsedMs = Date.now() - started;
  if (abortedAt !== null) out.abortToRejectMs = Date.now() - abortedAt;
  out.updates = updates;
  out.fetched = fetched;
  out.logLevels = logLines.map((l) => l.m);
  out.logText = logLines.map((l) => l.text).join('\n');
  return out;
}

// A valid task for the 'fake' fetch, which must not touch the network.
const FAKE_SEED = JSON.stringify({
  task: {
    id: SEED_ID, completedAt: '2026-05-12T09:14:47.000Z', createdAt: '2026-05-12T09:14:03.000Z', createdByUserId: null,
    organizationId: 'org_1', status: 'completed', title: 'Fake', totals: { credits: 0, durationMs: 0, turnCount: 0 },
    triggeredBy: 'api', url: 'https://handinger.com/t', workerId: 'wrk_1',
  },
  turns: [],
});

/**
 * Checks an outcome against the case; returns a list of problems (empty = pass). `seen` is
 * what the server recorded for the case's id: an array of { headers, at, cancelled } (or a
 * plain count, where only the count is known).
 */
export function checkOutcome(c, out, seen) {
  const e = c.expect;
  const problems = [];
  const want = (cond, what) => cond || problems.push(what);
  const entries = Array.isArray(seen) ? seen : undefined;
  const requests = entries ? entries.length : seen;
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
  if (e.minRequests !== undefined) want(requests >= e.minRequests, `expected >= ${e.minRequests} requests, server saw ${requests}`);
  if (e.maxRequests !== undefined) want(requests <= e.maxRequests, `expected <= ${e.maxRequests} requests, server saw ${requests}`);
  if (e.causeName) want(out.causeName === e.causeName, `cause ${out.causeName}`);
  if (e.fetchCalls !== undefined) want(out.fetched.length === e.fetchCalls, `custom fetch called ${out.fetched.length} times: ${out.fetched}`);
  if (e.fetchedUrl) want(out.fetched[0] === e.fetchedUrl, `fetched ${out.fetched[0]}`);
  if (e.logLevels) want(JSON.stringify(out.logLevels) === JSON.stringify(e.logLevels), `log levels ${JSON.stringify(out.logLevels)}`);
  if (e.noSecretInLog) want(!out.logText.includes(e.noSecretInLog) && out.logText.includes('[redacted]'), `log: ${out.logText}`);
  if (e.responseStatus) want(out.responseStatus === e.responseStatus, `status ${out.responseStatus}`);
  if (e.requestIdLike) want(typeof out.requestId === 'string' && out.requestId.startsWith(e.requestIdLike), `requestId ${out.requestId}`);
  if (e.headerPresent) want(out.headerNames?.includes(e.headerPresent), `headers ${out.headerNames}`);
  if (e.taskStatus) want(out.taskStatus === e.taskStatus, `task status ${out.taskStatus}`);
  if (e.abortToRejectMs) want(out.abortToRejectMs !== undefined && out.abortToRejectMs <= e.abortToRejectMs, `rejected ${out.abortToRejectMs} ms after abort()`);
  if (entries) {
    if (e.sentHeaders) {
      for (const [name, value] of Object.entries(e.sentHeaders)) {
        want(entries.length > 0 && entries.every((r) => r.headers[name] === value), `header ${name}: server saw ${JSON.stringify(entries.map((r) => r.headers[name]))}`);
      }
    }
    if (e.cancelled !== undefined) {
      const n = entries.filter((r) => r.cancelled).length;
      want(n === e.cancelled, `server saw ${n} cancelled downloads, expected ${e.cancelled}`);
    }
    const gaps = entries.slice(1).map((r, i) => r.at - entries[i].at);
    if (e.gapsAtLeastMs) e.gapsAtLeastMs.forEach((min, i) => want(gaps[i] >= min, `gap ${i} was ${gaps[i]} ms, expected >= ${min}`));
    if (e.gapsGrow) want(gaps.length >= 3 && gaps[gaps.length - 1] >= gaps[0] * e.gapsGrow, `poll gaps did not grow: ${gaps}`);
  }
  return problems;
}
