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
    assert.deepEqual(checkOutcome(c, out, mock.countFor(c.id)), []);
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
