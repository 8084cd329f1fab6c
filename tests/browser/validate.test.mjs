// The shared validation cases through the built package in headless Chromium.
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { launchChromium, openPage, startHarness } from './harness.mjs';
import { validationCases } from '../shared/validate-cases.mjs';

let harness, browser, page, errors;
before(async () => {
  harness = await startHarness();
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, harness));
  await page.evaluate(async () => {
    const names = ['seed-example', 'multi-turn-error', 'pending-task', 'running-task'];
    const fixtures = await Promise.all(names.map((n) => fetch(`/fixtures/${n}.json`).then((r) => r.text())));
    const lib = await import('handinger-wasm');
    const { validationCases } = await import('/shared/validate-cases.mjs');
    window.cases = validationCases(lib, fixtures);
  });
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

// Names come from the same module, built here only to name the tests.
const names = ['seed-example', 'multi-turn-error', 'pending-task', 'running-task'];
const fixtures = names.map((n) => readFileSync(new URL(`../fixtures/${n}.json`, import.meta.url), 'utf8'));
for (const { name } of validationCases({}, fixtures)) {
  test(name, async () => {
    const failure = await page.evaluate((name) => {
      try {
        window.cases.find((c) => c.name === name).run();
        return null;
      } catch (e) {
        return String(e?.stack ?? e);
      }
    }, name);
    assert.equal(failure, null);
  });
}

test('no console errors', () => assert.deepEqual(errors, []));
