// The shared network cases through the built package in headless Chromium (native ES
// modules, the browser entry), counted by the mock API behind the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openPage, startHarness } from './harness.mjs';
import { checkOutcome, networkCases } from '../shared/network-cases.mjs';

let harness, browser, page;
before(async () => {
  harness = await startHarness();
  browser = await launchChromium();
  ({ page } = await openPage(browser, harness));
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

for (const c of networkCases(`chromium-${process.pid}`)) {
  test(c.name, async () => {
    const out = await page.evaluate(async (c) => {
      const lib = await import('handinger-wasm');
      const { runCase } = await import('/shared/network-cases.mjs');
      return runCase(lib, location.origin, c);
    }, c);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(checkOutcome(c, out, harness.api.countFor(c.id)), []);
  });
}

test('preflight-free: a keyless GET sends no custom header (no CORS preflight)', async () => {
  const before = harness.api.requests.length;
  await page.evaluate(async () => (await import('handinger-wasm')).fetchTask('tsk_pend-1', { baseUrl: location.origin, apiKey: null }));
  const seen = harness.api.requests.slice(before);
  assert.deepEqual(seen.map((r) => r.method), ['GET']);
});
