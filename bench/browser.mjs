// `npm run bench` (Chromium part): the same suite in headless Chromium, through the built
// package's browser entry. `--quick` is the smoke run used by npm test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium, openPage, startHarness } from '../tests/browser/harness.mjs';
import { formatRows } from './suite.mjs';

const quick = process.argv.includes('--quick');
const harness = await startHarness();
const browser = await launchChromium();
try {
  const { page, errors } = await openPage(browser, harness);
  const rows = await page.evaluate(async (quick) => {
    const lib = await import('handinger-wasm');
    const z = await import('zod');
    const { runSuite } = await import('/bench/suite.mjs');
    return runSuite(lib, z, { quick });
  }, quick);
  if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
  console.log(formatRows(`Chromium ${browser.version()}`, rows));
  if (!quick) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/chromium.json', import.meta.url), JSON.stringify({ chromium: browser.version(), rows }, null, 2));
  }
} finally {
  await browser.close();
  await harness.close();
}
