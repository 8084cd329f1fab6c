// The shared network cases through the built package in headless Chromium (native ES
// modules, the browser entry), counted by the mock API behind the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPage, startHarness } from './harness.mjs';
import { startMockApi, TEST_API_KEY } from '../mock-api/index.mjs';
import { checkOutcome, networkCases } from '../shared/network-cases.mjs';

let harness, browser, page, other;
before(async () => {
  harness = await startHarness();
  other = await startMockApi(); // another port: another origin, so CORS applies
  browser = await launchChromium();
  ({ page } = await openPage(browser, harness));
});
after(async () => {
  await browser?.close();
  await harness?.close();
  await other?.close();
});

for (const c of networkCases(`chromium-${process.pid}`)) {
  test(c.name, async () => {
    const out = await page.evaluate(async (c) => {
      const lib = await import('handinger-wasm');
      const { runCase } = await import('/shared/network-cases.mjs');
      return runCase(lib, location.origin, c);
    }, c);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(checkOutcome(c, out, harness.api.requestsFor(c.id)), []);
  });
}

// Cross-origin, as a web app calling the API from its own origin: the mock's CORS headers
// must let the call through, expose the request id, and the client must add nothing that
// forces a preflight when there is no key.
async function crossOrigin(id, options) {
  const from = other.requests.length;
  const out = await page.evaluate(
    async ({ id, options }) => {
      const lib = await import('handinger-wasm');
      try {
        const t = await lib.fetchTask(id, options);
        return { ok: true, status: t.task.status };
      } catch (err) {
        return { ok: false, name: err.name, status: err.status, requestId: err.requestId, message: err.message };
      }
    },
    { id, options: { maxRetries: 0, ...options } },
  );
  return { out, seen: other.requests.slice(from).map((r) => r.method) };
}

test('cross-origin without a key: a simple GET, no preflight', async () => {
  const { out, seen } = await crossOrigin('tsk_pend-1', { baseUrl: other.url, apiKey: null });
  assert.deepEqual(out, { ok: true, status: 'pending' });
  assert.deepEqual(seen, ['GET']);
});

test('cross-origin with a key: the preflight allows Authorization, then the GET', async () => {
  const { out, seen } = await crossOrigin('tsk_pend-1', { baseUrl: other.url, apiKey: TEST_API_KEY });
  assert.deepEqual(out, { ok: true, status: 'pending' });
  assert.deepEqual(seen, ['OPTIONS', 'GET']);
  const get = other.requests.at(-1);
  assert.equal(get.headers.authorization, `Bearer ${TEST_API_KEY}`);
});

test('cross-origin 404: status and the exposed x-request-id reach the error', async () => {
  const { out, seen } = await crossOrigin('tsk_nope', { baseUrl: other.url, apiKey: null });
  assert.equal(out.name, 'NotFoundError');
  assert.equal(out.status, 404);
  assert.match(out.requestId ?? '', /^req_mock_\d+$/);
  assert.deepEqual(seen, ['GET']);
});

test('cross-origin with a custom header: it is preflighted and sent', async () => {
  const { out, seen } = await crossOrigin('tsk_pend-1', { baseUrl: other.url, apiKey: null, headers: { 'x-trace-id': 't-1' } });
  assert.deepEqual(out, { ok: true, status: 'pending' });
  assert.deepEqual(seen, ['OPTIONS', 'GET']);
  assert.equal(other.requests.at(-1).headers['x-trace-id'], 't-1');
});

test('a relative baseUrl resolves against the page, as fetch does', async () => {
  const out = await page.evaluate(async () => {
    const lib = await import('handinger-wasm');
    const t = await lib.fetchTask('tsk_pend-1', { baseUrl: '/', apiKey: null });
    return t.task.status;
  });
  assert.equal(out, 'pending');
});
