// Every example app, built and run in its real host against the mock API, outcome checked:
// Node ESM and CommonJS scripts, a Vite production build, a webpack 5 production build, a
// module Web Worker (bundled by Vite), an unpacked MV3 extension (side panel page + service
// worker), and strict TypeScript consumers (page, worker, service worker; bundler, node16).
// Needs examples/node_modules with the packed package (scripts/examples.sh does that).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_OPTIONS, launchChromium, startStaticServer } from '../browser/harness.mjs';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const SEED = { id: 'tsk_2Z-YWz3hFq6VlW', title: 'Weather report for Barcelona', status: 'completed' };
// Async: the mock API runs in this process and must keep answering while a child runs.
const node = async (...args) => (await promisify(execFile)(process.execPath, args, { cwd: examples, encoding: 'utf8' })).stdout;

let server, browser;
before(async () => {
  server = await startStaticServer(examples);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens an example page and returns the #result text once it leaves "loading…". */
async function resultOf(path, selector = '#result', context = browser) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(path.startsWith('chrome-extension:') ? path : `${server.url}${path}`);
  await page.waitForFunction((s) => !/^(loading…|…)$/.test(document.querySelector(s)?.textContent ?? '…'), selector, { timeout: 15000 });
  const text = await page.textContent(selector);
  await page.close();
  return { text, errors };
}

describe('Node', () => {
  for (const script of ['node/esm.mjs', 'node/cjs.cjs']) {
    test(script, async () => {
      assert.deepEqual(JSON.parse(await node(script, server.url, SEED.id)), { title: SEED.title, status: SEED.status, turns: 1 });
      const missing = JSON.parse(await node(script, server.url, 'tsk_nope'));
      assert.equal(missing.notFound, 404, 'NotFoundError is an instance of the exported class');
      assert.match(missing.requestId, /^req_mock_/);
    });
  }
});

describe('bundlers (production builds, no plugin)', () => {
  test('Vite', async () => {
    await node('node_modules/vite/bin/vite.js', 'build', 'vite-app', '--emptyOutDir');
    assert.ok(readdirSync(join(examples, 'vite-app/dist/assets')).some((f) => f.endsWith('.wasm')), 'the .wasm is emitted as an asset');
    const { text, errors } = await resultOf(`/vite-app/dist/index.html?id=${SEED.id}`);
    assert.equal(text, `${SEED.title} [${SEED.status}]`);
    assert.deepEqual(errors, []);
    assert.equal((await resultOf('/vite-app/dist/index.html?id=tsk_nope')).text, 'not found (404)');
  });

  test('webpack 5', async () => {
    await node('webpack-app/build.mjs');
    assert.ok(readdirSync(join(examples, 'webpack-app/dist')).some((f) => f.endsWith('.wasm')), 'the .wasm is emitted as an asset');
    const { text, errors } = await resultOf(`/webpack-app/index.html?id=${SEED.id}`);
    assert.equal(text, `${SEED.title} [${SEED.status}]`);
    assert.deepEqual(errors, []);
  });
});

test('a dedicated Web Worker, bundled by Vite, importing the package by name', async () => {
  await node('node_modules/vite/bin/vite.js', 'build', 'worker', '--emptyOutDir');
  const assets = readdirSync(join(examples, 'worker/dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), 'the .wasm is emitted as an asset');
  // The worker's bare `import … from 'handinger-wasm'` went through the exports map into its
  // own bundle: nothing is left for the browser to resolve.
  const workerChunk = assets.find((f) => /^worker-.*\.js$/.test(f));
  assert.ok(workerChunk, `a worker bundle among ${assets}`);
  assert.doesNotMatch(readFileSync(join(examples, 'worker/dist/assets', workerChunk), 'utf8'), /from\s*["']handinger-wasm|node_modules/);
  const { text, errors } = await resultOf(`/worker/dist/index.html?id=${SEED.id}`);
  assert.equal(text, `${SEED.title} [${SEED.status}] (from a worker)`);
  assert.deepEqual(errors, []);
  assert.equal((await resultOf('/worker/dist/index.html?id=tsk_nope')).text, 'not found (404)');
});

test('an MV3 extension: service worker (sync entry) and side panel page', async () => {
  // The extension loads the installed package from vendor/ (extensions cannot resolve bare
  // specifiers); copied into a scratch copy of the extension.
  const ext = mkdtempSync(join(tmpdir(), 'hw-ext-'));
  const profile = mkdtempSync(join(tmpdir(), 'hw-profile-'));
  cpSync(join(examples, 'mv3-extension'), ext, { recursive: true });
  cpSync(join(examples, 'node_modules/handinger-wasm'), join(ext, 'vendor/handinger-wasm'), { recursive: true, dereference: true });
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_OPTIONS,
    args: [...CHROMIUM_OPTIONS.args, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    const fromWorker = await worker.evaluate(([url, id]) => self.lookUp(url, id), [server.url, SEED.id]);
    assert.equal(fromWorker, `${SEED.title} [${SEED.status}] (from the service worker)`);
    const extensionId = new URL(worker.url()).host;
    const panel = `chrome-extension://${extensionId}/panel.html?baseUrl=${encodeURIComponent(server.url)}&id=${SEED.id}`;
    const page = await context.newPage();
    await page.goto(panel);
    await page.waitForFunction(() => !document.querySelector('#from-sw').textContent.startsWith('…'), null, { timeout: 15000 });
    assert.equal(await page.textContent('#result'), `${SEED.title} [${SEED.status}] (from the panel)`);
    assert.equal(await page.textContent('#from-sw'), `${SEED.title} [${SEED.status}] (from the service worker)`);
  } finally {
    await context.close();
    rmSync(ext, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});

test('TypeScript: strict consumers (page, Node ESM/CJS, worker, service worker) resolve the types through exports', async () => {
  // typed-api.ts is also checked as Node ESM (.mts) and CommonJS (.cts): each resolution
  // reaches different .d.ts files. The copies are made here, from the one source.
  const source = readFileSync(join(examples, 'types/typed-api.ts'), 'utf8');
  for (const ext of ['mts', 'cts']) writeFileSync(join(examples, `types/typed-api.${ext}`), `// Generated from typed-api.ts by tests/examples.\n${source}`);
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const configs = ['bundler', 'node16', 'node-only', 'worker-bundler', 'worker-node16'].map((c) => `types/tsconfig.${c}.json`);
  for (const config of configs) {
    await node(tsc, '-p', config).catch((err) => assert.fail(`tsc -p ${config}\n${err.stdout}`));
  }
});

