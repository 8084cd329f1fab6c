// A test page server for running the BUILT package in headless Chromium: serves pkg/ (as
// the package, through an import map), tests/shared/ (the shared cases), the fixtures, and
// the mock API, all from one origin on 127.0.0.1. Plus the Chromium launcher every browser
// test uses.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createMockApi } from '../mock-api/index.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MOUNTS = {
  '/pkg/': join(root, 'pkg'),
  '/shared/': join(root, 'tests/shared'),
  '/fixtures/': join(root, 'tests/fixtures'),
  '/bench/': join(root, 'bench'),
  '/node_modules/zod/': join(root, 'node_modules/zod'),
  '/node_modules/@ramensoft/handinger/': join(root, 'node_modules/@ramensoft/handinger'), // bench only
};
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html' };

const PAGE = `<!doctype html><meta charset="utf-8"><title>handinger-wasm tests</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "handinger-wasm": "/pkg/index.js", "handinger-wasm/sync": "/pkg/sync.js", "zod": "/node_modules/zod/index.js", "@ramensoft/handinger": "/node_modules/@ramensoft/handinger/index.mjs" } }</script>
<body>harness</body>`;

/** `fixtures` (optional): the mock API's tasks, as loadFixtures() gives them. */
export async function startHarness({ fixtures } = {}) {
  const api = createMockApi({ fixtures });
  const server = createServer(async (req, res) => {
    if (api.handle(req, res)) return;
    const path = decodeURIComponent(req.url.split('?')[0]);
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const mount = Object.keys(MOUNTS).find((m) => path.startsWith(m));
    const file = mount && normalize(join(MOUNTS[mount], path.slice(mount.length)));
    if (!file || !file.startsWith(MOUNTS[mount] + sep)) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, api, close: () => new Promise((r) => server.close(r)) };
}

/** Serves every file under `dir` (index.html for folders) plus the mock API at /api/. */
export async function startStaticServer(dir) {
  const api = createMockApi();
  const server = createServer(async (req, res) => {
    if (api.handle(req, res)) return;
    let path = decodeURIComponent(req.url.split('?')[0]);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep)) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, api, close: () => new Promise((r) => server.close(r)) };
}

/** The launch options of Debian's Chromium, headless, with the flags this closed network needs. */
export const CHROMIUM_OPTIONS = {
  executablePath: process.env.CHROMIUM_BIN || '/usr/lib/chromium/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium() {
  return chromium.launch(CHROMIUM_OPTIONS);
}

/** A page on the harness that has imported the package; collects console errors. */
export async function openPage(browser, harness) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${harness.url}/`);
  await page.evaluate(() => import('handinger-wasm'));
  return { page, errors };
}
