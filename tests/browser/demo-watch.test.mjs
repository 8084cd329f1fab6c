// "Watch until done" on the demo page, against tsk_live-demo shortened by the demo server,
// and the live task itself (tests/mock-api/live.mjs): valid and consistent at every moment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './harness.mjs';
import { startDemoServer } from '../../www/server.mjs';
import { loadFixtures } from '../mock-api/index.mjs';
import { createLiveTask, liveTaskBody } from '../mock-api/live.mjs';
import { checkTaskConsistency, safeParseTaskWithTurns } from '../../pkg/index.node.js';

const RESULTS_DIR = new URL('../../test-results/', import.meta.url);
mkdirSync(RESULTS_DIR, { recursive: true });
const shot = (page, name) => page.screenshot({ path: new URL(`demo-${name}.png`, RESULTS_DIR).pathname, fullPage: true });

describe('live task (mock API)', () => {
  const fixtures = loadFixtures();

  test('valid and consistent at every phase; pending → running (1, 2 turns) → completed', () => {
    const start = Date.parse('2026-05-12T10:00:00.000Z');
    const seen = [];
    for (const ms of [0, 1999, 2000, 4321, 5999, 6000, 9999, 10000, 60000]) {
      const parsed = safeParseTaskWithTurns(liveTaskBody(fixtures, start, start + ms), { strict: true });
      assert.ok(parsed.success, `${ms} ms: ${JSON.stringify(parsed.error?.issues)}`);
      assert.deepEqual(checkTaskConsistency(parsed.data), [], `${ms} ms consistent`);
      const { task, turns } = parsed.data;
      assert.equal(task.id, 'tsk_live-demo');
      seen.push(`${task.status}/${turns.length}`);
      assert.equal(task.completedAt !== null, task.status === 'completed');
    }
    assert.deepEqual(seen, ['pending/0', 'pending/0', 'running/1', 'running/1', 'running/1', 'running/2', 'running/2', 'completed/2', 'completed/2']);
    // The end state does not move once reached: later polls see the same task.
    assert.equal(liveTaskBody(fixtures, start, start + 10_000), liveTaskBody(fixtures, start, start + 99_000));
  });

  test('the clock starts at the first request and restarts after a completed answer', () => {
    let now = 1_000;
    const live = createLiveTask(fixtures, { durationMs: 100, now: () => now });
    const status = (at) => ((now = at), JSON.parse(live.body()).task.status);
    assert.deepEqual([status(1_000), status(1_050), status(1_100), status(1_120), status(1_140)], ['pending', 'running', 'completed', 'pending', 'running']);
  });
});

describe('watch on the demo page', () => {
  let browser;
  let quick; // tsk_live-demo completes in 1.5 s
  let slow; // … in 5 s: long enough to stop it, or to give up on it

  before(async () => {
    browser = await launchChromium();
    [quick, slow] = await Promise.all([
      startDemoServer({ port: 0, apiKey: '', liveDurationMs: 1500 }),
      startDemoServer({ port: 0, apiKey: '', liveDurationMs: 5000 }),
    ]);
  });

  after(async () => {
    await browser?.close();
    await Promise.all([quick?.close(), slow?.close()]);
  });

  /** The page with the live task id typed and a short poll interval set. */
  async function openWatch(demo, { maxWaitS } = {}) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(demo.url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 }).catch(async (err) => {
      // Usually pkg/ missing or being rebuilt: say what the page said.
      throw new Error(`page not ready: ${await page.textContent('#mode')} ${problems.join('; ')}`, { cause: err });
    });
    await page.fill('#task-id', 'tsk_live-demo');
    await page.click('.options summary');
    await page.fill('#poll-ms', '150');
    if (maxWaitS !== undefined) await page.fill('#max-wait-s', String(maxWaitS));
    return { page, problems };
  }

  const logStatuses = (page) => page.$$eval('#watch-log .badge', (bs) => bs.map((b) => b.textContent));

  test('running → completed: live status, elapsed time, progress, then the final task', async () => {
    const { page, problems } = await openWatch(quick);
    await page.click('#watch-button');
    assert.equal(await page.isVisible('#stop-button'), true, 'Stop offered while watching');
    assert.equal(await page.isDisabled('#fetch-button'), true);
    await page.waitForSelector('#watch[data-state="done"]', { timeout: 15_000 });

    const statuses = await logStatuses(page);
    assert.equal(statuses[0], 'pending');
    assert.equal(statuses.at(-1), 'completed');
    assert.ok(statuses.includes('running'), statuses.join());
    assert.equal(await page.textContent('#watch-state'), 'completed');
    assert.equal(await page.$eval('#watch-progress', (p) => p.value), 3);
    assert.equal(await page.getAttribute('.steps li:nth-child(3)', 'aria-current'), 'step');
    assert.ok(parseFloat(await page.textContent('#watch-elapsed')) >= 1.0, 'elapsed time shown');
    assert.match(await page.textContent('#watch-live'), /Finished: completed after .* \d+ updates/);

    assert.equal(await page.getAttribute('#task', 'data-status'), 'completed');
    assert.equal(await page.locator('[data-testid=turn]').count(), 2);
    assert.equal(await page.isHidden('#error'), true);
    assert.equal(await page.isVisible('#watch-button'), true);
    assert.equal(await page.isHidden('#stop-button'), true);

    // The long forecast starts folded and opens from the keyboard.
    const fold = page.locator('[data-testid=turn] details.fold');
    assert.equal(await fold.count(), 1);
    assert.equal(await fold.locator('p.text').isVisible(), false);
    await fold.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.match(await fold.locator('p.text').innerText(), /Tomorrow: cloud builds/);
    await shot(page, 'watch-completed');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'fits 375 px');
    await shot(page, 'watch-completed-375-dark');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Stop during a watch shows "stopped", not a failure', async () => {
    const { page, problems } = await openWatch(slow);
    await page.click('#watch-button');
    await page.waitForSelector('#watch-log .badge[data-status="running"]', { timeout: 30_000 });
    assert.equal(await page.getAttribute('#watch', 'data-state'), 'watching');
    await shot(page, 'watch-running');
    await page.click('#stop-button');
    await page.waitForSelector('#watch[data-state="stopped"]');
    assert.equal(await page.textContent('#watch-state'), 'stopped');
    assert.match(await page.textContent('#watch-live'), /Stopped after/);
    assert.equal(await page.isHidden('#error'), true, 'no error panel for a stop');
    assert.equal(await page.getAttribute('#task', 'data-status'), 'running', 'the last snapshot stays');
    assert.match(await page.textContent('#task-source'), /^Stopped watching · as of /, 'no longer labelled live');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'watch-button', 'focus returns to Watch');
    assert.equal(await page.isEnabled('#fetch-button'), true);
    await shot(page, 'watch-stopped');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('"Give up after" ends the watch with WaitTimeoutError and keeps the last snapshot', async () => {
    const { page, problems } = await openWatch(slow, { maxWaitS: 0.4 });
    await page.click('#watch-button');
    await page.waitForSelector('#watch[data-state="failed"]', { timeout: 30_000 });
    assert.equal(await page.getAttribute('#error', 'data-error-name'), 'WaitTimeoutError');
    assert.match(await page.textContent('#error'), /Gave up waiting[\s\S]*last status: (pending|running)/);
    assert.equal(await page.isVisible('#task'), true);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
