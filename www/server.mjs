// Demo server for the handinger-wasm page (plain Node ≥ 18, no dependencies).
//
//   /            www/ (the page)            /pkg/   the built package (pkg/)
//   /config.json { mode, sampleIds, … }     /api/*  mock API, or a proxy to the real one
//   /fixtures/   tests/fixtures (the validator's "Load sample", in both modes)
//
// Without an API key it answers /api/* with the shared mock API (tests/fixtures), plus
// `tsk_live-demo`, a task that completes on a clock (tests/mock-api/live.mjs). With one,
// it forwards GET /api/tasks/{id} upstream and adds `Authorization` itself, so the key stays
// on this machine: the browser calls the library with `apiKey: null` and never sees it.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createMockApi, FIXTURES_DIR, TEST_API_KEY } from '../tests/mock-api/index.mjs';
import { createLiveTask } from '../tests/mock-api/live.mjs';

const WWW_DIR = dirname(fileURLToPath(import.meta.url));
const PKG_DIR = resolve(WWW_DIR, '../pkg');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
// Only what a client needs to see; notably no set-cookie or anything auth-related.
const FORWARDED_HEADERS = ['content-type', 'x-request-id', 'request-id', 'retry-after', 'retry-after-ms', 'x-should-retry'];
const UPSTREAM_TIMEOUT_MS = 65_000; // a little over the library's own 60 s default
// `no-cache` (always revalidate), not `no-store`: Chromium (seen with 156) reports a `no-store` response
// whose body is read through a stream reader (as the library does) as net::ERR_ABORTED in
// DevTools, though the page got every byte; that noise broke the "no failed requests" check.
const NO_CACHE = 'no-cache';

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': NO_CACHE,
  });
  res.end(text);
}

/** Serves `urlPath` (already stripped of its mount prefix) from `dir`; never outside it. */
function serveFile(req, res, dir, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return sendJson(res, 400, { error: 'Malformed URL' });
  }
  // Refuse `..` segments and NULs outright, then double-check the resolved path.
  if (rel.includes('\0') || rel.split(/[\\/]/).includes('..')) {
    return sendJson(res, 400, { error: 'Invalid path' });
  }
  const file = resolve(dir, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
  if (!file.startsWith(dir + sep)) return sendJson(res, 400, { error: 'Invalid path' });
  let stat;
  try {
    stat = statSync(file);
  } catch {
    stat = null;
  }
  if (!stat?.isFile()) return sendJson(res, 404, { error: `Not found: ${urlPath}` });
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': NO_CACHE, // a dev server: a rebuilt pkg/ shows up on reload
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/**
 * Answers GET /api/tasks/tsk_live-demo from the clock, or returns false to leave the request
 * to the mock. Served here (not only by the mock) so tests can shorten the run; requests
 * with a key the mock would refuse, and preflights, still go to the mock for its answer.
 */
let liveRequests = 0;
function serveLive(req, res, live) {
  if (req.method !== 'GET' || req.url.split('?')[0] !== `/api/tasks/${live.id}`) return false;
  const auth = req.headers.authorization;
  if (auth !== undefined && auth !== `Bearer ${TEST_API_KEY}`) return false;
  const text = live.body();
  liveRequests += 1;
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': NO_CACHE,
    'access-control-allow-origin': '*', // as the mock: callable from another origin too
    'access-control-expose-headers': 'x-request-id',
    'x-request-id': `req_live_${liveRequests}`,
  });
  res.end(text);
  return true;
}

/** Forwards GET /api/tasks/{id} to the real API with the key added here. */
async function proxy(req, res, { apiKey, upstream }) {
  const rawPath = req.url.split('?')[0];
  const match = /^\/api\/tasks\/([^/]+)$/.exec(rawPath);
  if (!match) return sendJson(res, 404, { error: `No route for ${rawPath}` });
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'Only GET is proxied' });
  // `new URL` would turn a `%2e%2e` segment into `..` and climb out of /api/tasks/.
  if (/^(\.|%2e){1,2}$/i.test(match[1])) return sendJson(res, 400, { error: 'Invalid task id' });

  const abort = new AbortController();
  res.on('close', () => abort.abort()); // the browser gave up: stop the upstream call too
  const timer = setTimeout(() => abort.abort(), UPSTREAM_TIMEOUT_MS);
  let upstreamRes;
  try {
    // Raw path segment as received: the library already encoded the id exactly once.
    // Headers are built from scratch: nothing from the browser (Authorization, cookies) passes.
    upstreamRes = await fetch(upstream.replace(/\/+$/, '') + rawPath, {
      headers: { accept: 'application/json', authorization: `Bearer ${apiKey}` },
      redirect: 'manual', // never carry the key to wherever a redirect points
      signal: abort.signal,
    });
  } catch (err) {
    clearTimeout(timer);
    if (res.destroyed) return;
    // fetch's own message is just "fetch failed"; the cause says why (ECONNREFUSED, …).
    const reason = abort.signal.aborted ? 'timed out' : err.cause?.code ?? err.cause?.message ?? err.message;
    return sendJson(res, 502, { error: `Upstream ${upstream} unreachable (${reason})` });
  }
  if (upstreamRes.status >= 300 && upstreamRes.status < 400) {
    clearTimeout(timer);
    const to = upstreamRes.headers.get('location') ?? '?';
    return sendJson(res, 502, { error: `Upstream redirected to ${to}; set HANDINGER_BASE_URL to the final origin` });
  }
  const headers = { 'cache-control': NO_CACHE };
  for (const name of FORWARDED_HEADERS) {
    const value = upstreamRes.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  // content-length is left out on purpose: fetch may have decompressed the body.
  res.writeHead(upstreamRes.status, headers);
  if (!upstreamRes.body) {
    clearTimeout(timer);
    return res.end();
  }
  const body = Readable.fromWeb(upstreamRes.body);
  body.on('error', () => res.destroy()); // cut mid-body: the client sees a dropped connection
  body.on('close', () => clearTimeout(timer));
  body.pipe(res);
}

/**
 * Starts the demo server. `apiKey` set (non-empty) → proxy mode; otherwise the mock API.
 * `liveDurationMs`: how long `tsk_live-demo` takes from pending to completed (mock mode).
 * @returns {Promise<{ url: string, mode: 'mock' | 'proxy', api: object | null, close(): Promise<void> }>}
 */
export async function startDemoServer({
  port = 0,
  host = '127.0.0.1',
  apiKey = process.env.HANDINGER_API_KEY,
  upstream = process.env.HANDINGER_BASE_URL || 'https://handinger.com',
  liveDurationMs = 10_000,
} = {}) {
  const mode = apiKey ? 'proxy' : 'mock';
  const api = mode === 'mock' ? createMockApi() : null;
  const live = api ? createLiveTask(api.fixtures, { durationMs: liveDurationMs }) : null;
  // Sample ids only make sense against the mock; real ids belong to the user's account.
  const config = { mode, sampleIds: api ? [...api.fixtures.keys(), live.id] : [], liveDurationMs };

  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    try {
      if (path.startsWith('/api/')) {
        if (api) return void (serveLive(req, res, live) || api.handle(req, res));
        return void proxy(req, res, { apiKey, upstream }).catch(() => res.destroy());
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendJson(res, 405, { error: 'Method not allowed' });
      }
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      if (path === '/config.json') return sendJson(res, 200, config);
      if (path.startsWith('/pkg/')) return serveFile(req, res, PKG_DIR, path.slice('/pkg'.length));
      if (path.startsWith('/fixtures/')) return serveFile(req, res, FIXTURES_DIR, path.slice('/fixtures'.length));
      return serveFile(req, res, WWW_DIR, path);
    } catch {
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
      else res.destroy();
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${server.address().port}`,
    mode,
    api,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections(); // browsers keep connections alive; don't wait for them
      }),
  };
}

// `node www/server.mjs`: run until Ctrl-C.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(PKG_DIR, 'index.js'))) {
    console.error('pkg/index.js is missing: build the package first with `npm run build` (or run `npm run demo`).');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8787);
  let demo;
  try {
    demo = await startDemoServer({ port });
  } catch (err) {
    if (err.code !== 'EADDRINUSE') throw err;
    console.error(`Port ${port} is busy; using a free one.`);
    demo = await startDemoServer({ port: 0 });
  }
  const upstream = process.env.HANDINGER_BASE_URL || 'https://handinger.com';
  const how =
    demo.mode === 'mock'
      ? `mock API — fixture ids: ${[...demo.api.fixtures.keys()].join(', ')}, tsk_live-demo (completes in 10 s)`
      : `proxying /api/tasks/* to ${upstream} with your HANDINGER_API_KEY`;
  console.log(`Demo: ${demo.url}/  (${how})`);
  process.on('SIGINT', () => demo.close().then(() => process.exit(0)));
  process.on('SIGTERM', () => demo.close().then(() => process.exit(0)));
}
