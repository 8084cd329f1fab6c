// The demo page (www/) in headless Chromium, against the demo server in mock and proxy mode.
// Needs a built pkg/ and a system Chromium (CHROMIUM_BIN); never downloads a browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../www/server.mjs';
import { createMockApi, TEST_API_KEY } from '../mock-api/index.mjs';

const RESULTS_DIR = new URL('../../test-results/', import.meta.url);
let browser;
let demo;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/lib/chromium/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  demo = await startDemoServer({ port: 0, apiKey: '' }); // '' → mock mode, whatever the env says
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** A fresh page on `url`, with the package initialised; collects what went wrong. */
async function openPage(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  return { page, problems };
}

/** Types an id, submits, and waits until that task or an error is shown. */
async function fetchInPage(page, id) {
  await page.fill('#task-id', id);
  await page.click('#fetch-button');
  await page.waitForSelector(`#task[data-task-id=${JSON.stringify(id)}]:not([hidden]), #error:not([hidden])`);
}

const fixtures = () => [...demo.api.fixtures.values()].map((f) => JSON.parse(f.text));
const requestedIds = (requests) =>
  requests.filter((r) => r.method === 'GET').map((r) => decodeURIComponent(r.path.split('/').pop()));

describe('demo page, mock mode', () => {
  test('loads without console errors or failed requests', async () => {
    const { page, problems } = await openPage(demo.url);
    const badResponses = [];
    page.on('response', (r) => r.status() >= 400 && badResponses.push(`${r.status()} ${r.url()}`));
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.deepEqual(problems, []);
    assert.deepEqual(badResponses, []);
    const options = await page.$$eval('#sample-ids option', (os) => os.map((o) => o.value));
    assert.deepEqual(options.sort(), [...demo.api.fixtures.keys()].sort());
    await page.close();
  });

  test('renders every fixture', async () => {
    assert.ok(demo.api.fixtures.size >= 4, 'fixtures were loaded');
    const { page, problems } = await openPage(demo.url);
    for (const { task, turns } of fixtures()) {
      await fetchInPage(page, task.id);
      assert.equal(await page.isHidden('#error'), true, `no error for ${task.id}`);
      assert.equal(await page.textContent('#task-title'), task.title);
      assert.equal(await page.textContent('#task-status'), task.status);
      assert.equal(await page.locator('[data-testid=turn]').count(), turns.length);
      assert.equal(await page.locator('[data-testid=turn] pre').count(),
        turns.filter((t) => t.structuredOutput !== null).length);
      assert.match(await page.textContent('#totals'), new RegExp(String(task.totals.turnCount)));
      assert.equal(await page.getAttribute('#task-link', 'href'), task.url);
      assert.equal(await page.getAttribute('#task-link', 'rel'), 'noopener noreferrer');
      assert.ok(requestedIds(demo.api.requests).includes(task.id), `mock saw GET for ${task.id}`);
      if (task.id === 'tsk_mt-77aa') {
        mkdirSync(RESULTS_DIR, { recursive: true });
        await page.screenshot({ path: new URL('demo-multi-turn.png', RESULTS_DIR).pathname, fullPage: true });
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('unknown id shows NotFoundError with the API message', async () => {
    const { page } = await openPage(demo.url);
    await fetchInPage(page, 'tsk_does-not-exist');
    const text = await page.textContent('#error');
    assert.equal(await page.getAttribute('#error', 'data-error-name'), 'NotFoundError');
    assert.match(text, /404/);
    assert.match(text, /Task not found: tsk_does-not-exist/);
    assert.match(text, /req_mock_\d+/, 'request id shown');
    assert.match(text, /check the task id/i);
    assert.equal(await page.isHidden('#task'), true);
    await page.close();
  });

  for (const id of ['', '..', '%2e%2E']) {
    test(`invalid id ${JSON.stringify(id)} shows a ValidationError and sends nothing`, async () => {
      const { page } = await openPage(demo.url);
      const before = demo.api.requests.length;
      await fetchInPage(page, id);
      assert.equal(await page.getAttribute('#error', 'data-error-name'), 'ValidationError');
      assert.ok(await page.locator('#error .issues li').count() >= 1, 'issues listed');
      assert.equal(demo.api.requests.length, before, 'no request reached the mock');
      await page.close();
    });
  }
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
    assert.match(await page.textContent('#error'), /Task not found: tsk_nope[\s\S]*req_mock_\d+/);
    await page.close();
  });
});

describe('demo server (HTTP level)', () => {
  /** Raw GET, so paths reach the server exactly as written (fetch would normalise `..`). */
  const get = (base, path) =>
    new Promise((ok, fail) => {
      request(new URL(base), { path }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c)).on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
      }).on('error', fail).end();
    });

  test('serves the package with the right types and refuses traversal', async () => {
    assert.equal((await get(demo.url, '/pkg/handinger_wasm_bg.wasm')).headers['content-type'], 'application/wasm');
    assert.match((await get(demo.url, '/pkg/index.js')).headers['content-type'], /^text\/javascript/);
    assert.equal((await get(demo.url, '/favicon.ico')).status, 204);
    for (const path of ['/pkg/../package.json', '/pkg/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await get(demo.url, path);
      assert.ok(res.status === 400 || res.status === 404, `${path} → ${res.status}`);
      assert.doesNotMatch(res.body, /devDependencies|root:/, path);
    }
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
