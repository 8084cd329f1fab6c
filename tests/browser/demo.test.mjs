// The demo page (www/): task view for every fixture, layout (desktop, 375 px dark),
// keyboard use, proxy mode and the server's HTTP edges. Watch, errors and the validator
// have their own demo-*.test.mjs files. Needs a built pkg/ and a system Chromium
// (CHROMIUM_BIN); never downloads a browser. Screenshots go to test-results/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './harness.mjs';
import { startDemoServer } from '../../www/server.mjs';
import { createMockApi, TEST_API_KEY } from '../mock-api/index.mjs';

const RESULTS_DIR = new URL('../../test-results/', import.meta.url);
mkdirSync(RESULTS_DIR, { recursive: true });
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'en-US' };
const PHONE_DARK = { viewport: { width: 375, height: 812 }, colorScheme: 'dark', locale: 'en-US' };
let browser;
let demo;

before(async () => {
  browser = await launchChromium();
  demo = await startDemoServer({ port: 0, apiKey: '' }); // '' → mock mode, whatever the env says
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** A fresh page on `url` with the package initialised; collects console errors and failures. */
async function openPage(url, options = DESKTOP) {
  const page = await browser.newPage(options);
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 }).catch(async (err) => {
    // Usually pkg/ missing or being rebuilt: say what the page said.
    throw new Error(`page not ready: ${await page.textContent('#mode')} ${problems.join('; ')}`, { cause: err });
  });
  return { page, problems };
}

const shot = (page, name) => page.screenshot({ path: new URL(`demo-${name}.png`, RESULTS_DIR).pathname, fullPage: true });

/** Types an id, submits, and waits until that task or an error is shown. */
async function fetchInPage(page, id) {
  await page.fill('#task-id', id);
  await page.click('#fetch-button');
  await page.waitForSelector(`#task[data-task-id=${JSON.stringify(id)}]:not([hidden]), #error:not([hidden])`);
}

const fixtures = () => [...demo.api.fixtures.values()].map((f) => JSON.parse(f.text));
const slug = (id) => id.replace(/[^a-z0-9-]+/gi, '-');
const en = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

describe('demo page, mock mode', () => {
  test('loads without console errors or failed requests; offers the sample ids', async () => {
    const { page, problems } = await openPage(demo.url);
    const badResponses = [];
    page.on('response', (r) => r.status() >= 400 && badResponses.push(`${r.status()} ${r.url()}`));
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    const expected = [...demo.api.fixtures.keys(), 'tsk_live-demo'].sort();
    assert.deepEqual((await page.$$eval('#sample-ids option', (os) => os.map((o) => o.value))).sort(), expected);
    assert.deepEqual((await page.$$eval('#samples .chip', (bs) => bs.map((b) => b.textContent))).sort(), expected);
    assert.equal(await page.inputValue('#base-url'), demo.url, 'base URL defaults to the page origin');
    await page.click('#samples .chip >> text=tsk_pend-1');
    assert.equal(await page.inputValue('#task-id'), 'tsk_pend-1');
    assert.deepEqual(problems, []);
    assert.deepEqual(badResponses, []);
    await page.close();
  });

  test('every control is labelled; the key field is a password field kept out of forms', async () => {
    const { page, problems } = await openPage(demo.url);
    const unlabelled = await page.$$eval('input, textarea, select', (els) => els.filter((e) => !e.labels?.length).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
    const key = await page.$eval('#api-key', (e) => ({ type: e.type, autocomplete: e.getAttribute('autocomplete'), name: e.name }));
    assert.deepEqual(key, { type: 'password', autocomplete: 'off', name: '' });
    assert.match(await page.textContent('#api-key-hint'), /never stored, never put in the URL, never logged/);
    const nameless = await page.$$eval('button', (bs) => bs.filter((b) => !b.textContent.trim()).length);
    assert.equal(nameless, 0, 'every button has a visible name');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('renders every fixture: header, totals, ids, times, link, turns, JSON trees', async () => {
    assert.ok(demo.api.fixtures.size >= 4, 'fixtures were loaded');
    const { page, problems } = await openPage(demo.url);
    for (const { task, turns } of fixtures()) {
      await fetchInPage(page, task.id);
      assert.equal(await page.isHidden('#error'), true, `no error for ${task.id}`);
      assert.equal(await page.textContent('#task-title'), task.title);
      assert.equal(await page.textContent('#task-status'), task.status);
      assert.equal(await page.getAttribute('#task-status', 'data-status'), task.status);
      assert.match(await page.textContent('#task-source'), /HTTP 200 · request id req_mock_\d+ · 0 retries/);

      const totals = await page.textContent('#totals');
      const tokensIn = turns.reduce((n, t) => n + t.inputTokens, 0);
      const tokensOut = turns.reduce((n, t) => n + t.outputTokens, 0);
      assert.ok(totals.includes(`Credits${en(task.totals.credits)}`), `${task.id} credits in ${totals}`);
      assert.ok(totals.includes(`Turns${task.totals.turnCount}`), totals);
      assert.ok(totals.includes(`${en(tokensIn + tokensOut)} ${en(tokensIn)} in · ${en(tokensOut)} out`), totals);

      const meta = await page.textContent('#task-meta');
      for (const part of [task.id, task.triggeredBy, task.workerId, task.organizationId]) assert.ok(meta.includes(part), `${part} in ${meta}`);
      assert.equal(await page.getAttribute('#task-meta time >> nth=0', 'datetime'), task.createdAt);
      assert.match(meta, /Created.*\d{4}.*\(.*(ago|now)\)/, 'local time and relative time');
      assert.equal(await page.locator('#task-meta time').count(), task.completedAt ? 2 : 1);

      assert.equal(await page.getAttribute('#task-link', 'href'), task.url);
      assert.match(await page.getAttribute('#task-link', 'rel'), /\bnoopener\b/);

      const items = page.locator('[data-testid=turn]');
      assert.equal(await items.count(), turns.length);
      for (const [i, turn] of turns.entries()) {
        const text = await items.nth(i).textContent();
        for (const part of [`#${turn.seq}`, turn.role, turn.status, `${en(turn.inputTokens)} tokens in`, `${en(turn.credits)} credits`, turn.input]) {
          assert.ok(text.includes(part), `${task.id} turn ${i}: ${part}`);
        }
      }
      assert.equal(await page.locator('[data-testid=turn] .json-tree').count(), turns.filter((t) => t.structuredOutput !== null).length);
      await shot(page, `task-${slug(task.id)}-desktop`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('375 px dark: no sideways scroll, dark colours, task view screenshot', async () => {
    const { page, problems } = await openPage(`${demo.url}/?id=tsk_mt-77aa`, PHONE_DARK);
    await page.waitForSelector('#task[data-task-id="tsk_mt-77aa"]:not([hidden])');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'fits 375 px');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 150, `dark background, got ${bg}`);
    await shot(page, 'task-mt-375-dark');
    await page.setViewportSize({ width: 360, height: 740 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'fits 360 px');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('keyboard: focus is visible, the JSON tree opens and closes from the keyboard', async () => {
    const { page, problems } = await openPage(`${demo.url}/?id=tsk_mt-77aa`);
    await page.waitForSelector('#task[data-task-id="tsk_mt-77aa"]:not([hidden])');
    await page.focus('#base-url');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'api-key');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none', 'visible focus');

    // Levels below the third start closed: structuredOutput.nested.deep.list is one.
    const summary = page.locator('.json-tree summary', { hasText: /^list \[ 4 items \]$/ });
    const list = summary.locator('xpath=..');
    assert.equal(await list.getAttribute('open'), null);
    assert.equal(await list.locator('li').first().isVisible(), false);
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await list.getAttribute('open'), '');
    assert.deepEqual(await list.locator('li').allTextContents(), ['0: 1', '1: 2.5', '2: null', '3: "x"']);
    await page.keyboard.press('Space');
    assert.equal(await list.getAttribute('open'), null, 'Space closes it again');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('demo page, proxy mode', () => {
  let upstream;
  let upstreamServer;
  let proxyDemo;

  before(async () => {
    upstream = createMockApi();
    upstreamServer = createServer((req, res) => upstream.handle(req, res) || res.writeHead(404).end());
    await new Promise((ok) => upstreamServer.listen(0, '127.0.0.1', ok));
    const upstreamUrl = `http://127.0.0.1:${upstreamServer.address().port}`;
    proxyDemo = await startDemoServer({ port: 0, apiKey: TEST_API_KEY, upstream: upstreamUrl });
  });

  after(async () => {
    await proxyDemo?.close();
    upstreamServer?.closeAllConnections();
    await new Promise((ok) => upstreamServer?.close(ok) ?? ok());
  });

  test('the server adds the key; the browser never sees it', async () => {
    assert.equal(proxyDemo.mode, 'proxy');
    const { page, problems } = await openPage(proxyDemo.url);
    assert.equal(await page.locator('#sample-ids option').count(), 0, 'no mock samples in proxy mode');
    const apiRequests = [];
    const bodies = [];
    page.on('request', (r) => r.url().includes('/api/') && apiRequests.push(r));
    page.on('response', (r) => bodies.push(r.text().catch(() => '')));

    const { task, turns } = JSON.parse(upstream.fixtures.get('tsk_mt-77aa').text);
    await fetchInPage(page, task.id);
    assert.equal(await page.textContent('#task-title'), task.title);
    assert.equal(await page.locator('[data-testid=turn]').count(), turns.length);

    const seen = upstream.requests.filter((r) => r.path === `/api/tasks/${task.id}`);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].headers.authorization, `Bearer ${TEST_API_KEY}`);
    assert.equal(apiRequests.length, 1);
    assert.equal((await apiRequests[0].allHeaders()).authorization, undefined);
    for (const text of [await page.content(), ...(await Promise.all(bodies))]) {
      assert.ok(!text.includes(TEST_API_KEY), 'key leaked to the browser');
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('passes upstream errors through with their request id', async () => {
    const { page } = await openPage(proxyDemo.url);
    await fetchInPage(page, 'tsk_nope');
    assert.equal(await page.getAttribute('#error', 'data-error-name'), 'NotFoundError');
    assert.match(await page.textContent('#error'), /Task not found: tsk_nope[\s\S]*req_mock_\d+|req_mock_\d+[\s\S]*Task not found: tsk_nope/);
    await page.close();
  });
});

describe('demo server (HTTP level)', () => {
  /** Raw GET, so paths reach the server exactly as written (fetch would normalise `..`). */
  const get = (base, path, headers = {}) =>
    new Promise((ok, fail) => {
      request(new URL(base), { path, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c)).on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
      }).on('error', fail).end();
    });

  test('serves the package with the right types and refuses traversal', async () => {
    assert.equal((await get(demo.url, '/pkg/handinger_wasm_bg.wasm')).headers['content-type'], 'application/wasm');
    assert.match((await get(demo.url, '/pkg/index.js')).headers['content-type'], /^text\/javascript/);
    assert.equal((await get(demo.url, '/favicon.ico')).status, 204);
    assert.equal(JSON.parse((await get(demo.url, '/fixtures/seed-example.json')).body).task.id, 'tsk_2Z-YWz3hFq6VlW');
    for (const path of ['/pkg/../package.json', '/pkg/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/fixtures/%2e%2e/mock-api/index.mjs']) {
      const res = await get(demo.url, path);
      assert.ok(res.status === 400 || res.status === 404, `${path} → ${res.status}`);
      assert.doesNotMatch(res.body, /devDependencies|root:|TEST_API_KEY/, path);
    }
  });

  test('tsk_live-demo: served in mock mode, a wrong key still gets the mock’s 401', async () => {
    const ok = await get(demo.url, '/api/tasks/tsk_live-demo');
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(ok.body).task.id, 'tsk_live-demo');
    assert.equal((await get(demo.url, '/api/tasks/tsk_live-demo', { authorization: `Bearer ${TEST_API_KEY}` })).status, 200);
    assert.equal((await get(demo.url, '/api/tasks/tsk_live-demo', { authorization: 'Bearer nope' })).status, 401);
  });

  test('proxy answers 502 JSON when the upstream is down', async () => {
    // A port that was just free: nothing listens there now.
    const probe = createServer();
    await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
    const closedPort = probe.address().port;
    await new Promise((ok) => probe.close(ok));
    const down = await startDemoServer({ port: 0, apiKey: TEST_API_KEY, upstream: `http://127.0.0.1:${closedPort}` });
    try {
      const res = await get(down.url, '/api/tasks/tsk_pend-1');
      assert.equal(res.status, 502);
      assert.match(JSON.parse(res.body).error, /unreachable \(ECONNREFUSED\)/);
      assert.ok(!res.body.includes(TEST_API_KEY));
    } finally {
      await down.close();
    }
  });
});
