// Each error kind on the demo page, in plain words with what to try, and the API key typed
// in the page never leaking (URL, storage, console, DOM). Fault ids drive the mock API
// (tests/mock-api/faults.mjs); a fresh nonce per test keeps their attempt counters apart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './harness.mjs';
import { startDemoServer } from '../../www/server.mjs';
import { TEST_API_KEY } from '../mock-api/index.mjs';

const RESULTS_DIR = new URL('../../test-results/', import.meta.url);
mkdirSync(RESULTS_DIR, { recursive: true });
const shot = (page, name) => page.screenshot({ path: new URL(`demo-${name}.png`, RESULTS_DIR).pathname, fullPage: true });
const nonce = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
// Chromium itself logs every failed HTTP response or connection as a console error
// ("Failed to load resource: …"); the page cannot silence it. Tests that cause one on
// purpose accept exactly that line and nothing else.
const BROWSER_NETWORK_LOG = /^console: Failed to load resource: (the server responded with a status of \d{3}|net::ERR_[A-Z_]+)/;

let browser;
let demo;

before(async () => {
  browser = await launchChromium();
  demo = await startDemoServer({ port: 0, apiKey: '' });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

async function openPage(options = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...options });
  const problems = [];
  const consoleTexts = []; // every message, any level: the key-leak check reads them all
  page.on('console', (m) => {
    consoleTexts.push(m.text());
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(demo.url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 }).catch(async (err) => {
    // Usually pkg/ missing or being rebuilt: say what the page said.
    throw new Error(`page not ready: ${await page.textContent('#mode')} ${problems.join('; ')}`, { cause: err });
  });
  return { page, problems, consoleTexts };
}

/**
 * Sets every connection field (unset ones back to their defaults, so a shared page carries
 * nothing from the previous test), fetches, and returns the error panel's name and text.
 */
async function fetchError(page, { id, key = '', baseUrl = demo.url, retries = '', timeoutMs = '' }) {
  await page.fill('#base-url', baseUrl);
  await page.fill('#api-key', key);
  await page.$eval('.options', (details) => (details.open = true));
  await page.fill('#max-retries', String(retries));
  await page.fill('#timeout-ms', String(timeoutMs));
  await page.fill('#task-id', id);
  await page.click('#fetch-button');
  await page.waitForSelector('#error:not([hidden])', { timeout: 15_000 });
  assert.equal(await page.isHidden('#task'), true, 'no task shown with an error');
  return { name: await page.getAttribute('#error', 'data-error-name'), text: await page.innerText('#error') };
}

const unexpected = (problems) => problems.filter((p) => !BROWSER_NETWORK_LOG.test(p));

describe('errors on the demo page', () => {
  // One page for these tests (fetchError resets the fields): a page load is most of a test's time.
  let shared;
  before(async () => {
    shared = await openPage();
  });
  after(() => shared?.page.close());
  const use = () => {
    shared.problems.length = 0;
    return shared;
  };

  test('401: a wrong key typed in the key field → check the key', async () => {
    const { page, problems } = use();
    const { name, text } = await fetchError(page, { id: 'tsk_2Z-YWz3hFq6VlW', key: 'hk_wrong_key_42' });
    assert.equal(name, 'AuthenticationError');
    assert.match(text, /The API key was refused/);
    assert.match(text, /Check the API key/);
    assert.match(text, /Status\s+401/);
    assert.match(text, /Request id\s+req_mock_\d+/);
    await shot(page, 'error-401');
    assert.deepEqual(unexpected(problems), []);
  });

  test('404 → check the id', async () => {
    const { page, problems } = use();
    const { name, text } = await fetchError(page, { id: 'tsk_does-not-exist' });
    assert.equal(name, 'NotFoundError');
    assert.match(text, /No such task/);
    assert.match(text, /“tsk_does-not-exist”/);
    assert.match(text, /Check the id/);
    assert.match(text, /404 Task not found: tsk_does-not-exist/);
    assert.match(text, /req_mock_\d+/);
    await shot(page, 'error-404');
    assert.deepEqual(unexpected(problems), []);
  });

  test('429 → wait, with the retry-after the server sent', async () => {
    const { page, problems } = use();
    const { name, text } = await fetchError(page, { id: `fault:status=429;retry-after=2;n=${nonce()}`, retries: 0 });
    assert.equal(name, 'RateLimitError');
    assert.match(text, /Too many requests/);
    assert.match(text, /Retry after\s+2 s/);
    assert.match(text, /Wait 2 s, then try again/);
    assert.match(text, /Status\s+429/);
    await shot(page, 'error-429');
    assert.deepEqual(unexpected(problems), []);
  });

  test('500 → try again later (after the library’s own retries)', async () => {
    const { page, problems } = use();
    const id = `fault:status=500;n=${nonce()}`;
    const { name, text } = await fetchError(page, { id, retries: 1 });
    assert.equal(name, 'InternalServerError');
    assert.match(text, /The server failed/);
    assert.match(text, /Try again later/);
    assert.match(text, /Status\s+500/);
    assert.equal(demo.api.countFor(id), 2, 'one retry was made');
    await shot(page, 'error-500');
    assert.deepEqual(unexpected(problems), []);
  });

  test('other statuses: 403 → use a key that may read it, 409/422 → refused, 418 → unexpected', async () => {
    const { page, problems } = use();
    const cases = [
      [403, 'PermissionDeniedError', /Not allowed[\s\S]*organisation that owns the task/],
      [409, 'ConflictError', /The request was refused/],
      [422, 'UnprocessableEntityError', /The request was refused/],
      [418, 'APIError', /Unexpected answer \(418\)/],
    ];
    for (const [status, expected, words] of cases) {
      const { name, text } = await fetchError(page, { id: `fault:status=${status};n=${nonce()}`, retries: 0 }); // 409 would be retried
      assert.equal(name, expected, `${status}`);
      assert.match(text, words);
      assert.match(text, new RegExp(`Status\\s+${status}`));
    }
    assert.deepEqual(unexpected(problems), []);
  });

  test('network error (bad base URL) → check the base URL and CORS', async () => {
    const { page, problems } = use();
    const { name, text } = await fetchError(page, { id: 'tsk_2Z-YWz3hFq6VlW', baseUrl: 'http://127.0.0.1:9', retries: 0 });
    assert.equal(name, 'APIConnectionError');
    assert.match(text, /Could not reach the server/);
    assert.match(text, /http:\/\/127\.0\.0\.1:9/);
    assert.match(text, /Check the base URL/);
    assert.match(text, /CORS/);
    assert.doesNotMatch(text, /Status/, 'no status without a response');
    await shot(page, 'error-network');
    assert.deepEqual(unexpected(problems), []);
  });

  test('timeout → check the base URL and connection', async () => {
    const { page, problems } = use();
    const { name, text } = await fetchError(page, { id: `fault:delay=3000;n=${nonce()}`, retries: 0, timeoutMs: 300 });
    assert.equal(name, 'APIConnectionTimeoutError');
    assert.match(text, /No answer in time/);
    assert.match(text, /Check the base URL/);
    assert.deepEqual(unexpected(problems), []);
  });

  for (const id of ['', '..', '%2e%2E']) {
    test(`ValidationError for the id ${JSON.stringify(id)}: issues listed, nothing sent`, async () => {
      const { page, problems } = use();
      const before = demo.api.requests.length;
      const { name, text } = await fetchError(page, { id });
      assert.equal(name, 'ValidationError');
      assert.match(text, /Not sent: the input was refused/);
      assert.match(text, /taskId\s+invalid_task_id/);
      assert.equal(demo.api.requests.length, before, 'no request reached the mock');
      if (id === '') await shot(page, 'error-validation');
      assert.deepEqual(problems, []);
      });
  }

  test('ValidationError for a base URL that is not one: the option is named', async () => {
    const { page, problems } = use();
    const { name, text } = await fetchError(page, { id: 'tsk_pend-1', baseUrl: 'http://[' });
    assert.equal(name, 'ValidationError');
    assert.match(text, /options\.baseUrl\s+invalid_option/);
    assert.deepEqual(problems, []);
  });

  test('APIResponseValidationError: issues listed; the body opens in the validator', async () => {
    const { page, problems } = await openPage({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
    const { name, text } = await fetchError(page, { id: `fault:truncate=300;n=${nonce()}`, retries: 0 });
    assert.equal(name, 'APIResponseValidationError');
    assert.match(text, /The response broke the task model/);
    assert.match(text, /\(whole body\)\s+invalid_json/);
    await shot(page, 'error-response-validation-375-dark');
    await page.click('#error button >> text=Open the body in the validator');
    await page.waitForSelector('#validate-result[data-state="invalid"]');
    assert.equal((await page.inputValue('#json-input')).length, 300);
    assert.match(await page.innerText('#validate-result'), /invalid_json/);
    assert.deepEqual(unexpected(problems), []);
    await page.close();
  });
});

describe('the API key typed in the page', () => {
  test('is sent as Authorization, and never lands in the URL, storage, console or DOM', async () => {
    const { page, problems, consoleTexts } = await openPage();
    const key = `hk_secret_${nonce()}`;
    const { name } = await fetchError(page, { id: 'tsk_2Z-YWz3hFq6VlW', key });
    assert.equal(name, 'AuthenticationError');
    const sent = demo.api.requests.filter((r) => r.headers.authorization === `Bearer ${key}`);
    assert.equal(sent.length, 1, 'the key was used for the request');

    // The watch path too (it polls with the same key).
    await page.fill('#task-id', 'tsk_run-8Qm2xV');
    await page.click('#watch-button');
    await page.waitForSelector('#watch[data-state="failed"]');
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');

    const seen = await page.evaluate(() => ({
      url: location.href,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      dom: document.documentElement.outerHTML,
      keyField: document.querySelector('#api-key').value,
    }));
    for (const where of ['url', 'local', 'session', 'cookie', 'dom']) {
      assert.ok(!seen[where].includes(key), `key found in ${where}`);
      assert.ok(!seen[where].includes(encodeURIComponent(key)), `encoded key found in ${where}`);
    }
    assert.equal(seen.keyField, '', 'a reload forgets the key');
    assert.ok(!page.url().includes(key));
    assert.ok(consoleTexts.every((t) => !t.includes(key)), 'key in the console');
    assert.deepEqual(unexpected(problems), []);
    await page.close();
  });

  test('the mock’s own test key is accepted', async () => {
    const { page, problems } = await openPage();
    await page.fill('#api-key', TEST_API_KEY);
    await page.fill('#task-id', 'tsk_pend-1');
    await page.click('#fetch-button');
    await page.waitForSelector('#task[data-task-id="tsk_pend-1"]:not([hidden])');
    assert.equal(await page.textContent('#task-status'), 'pending');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
