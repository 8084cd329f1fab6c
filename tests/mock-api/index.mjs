// The one mock Handinger API, for tests and the demo (plain Node, no dependencies).
//
//   GET /api/tasks/{taskId}   the fixture whose task.id matches (tests/fixtures/*.json), else 404
//   Authorization             none, or `Bearer ${TEST_API_KEY}`; anything else → 401
//   CORS                      on every response; preflights answered (Authorization allowed)
//   GET /api/tasks/fault:…    fault modes for network tests (see faults.mjs)
//   GET /api/tasks/tsk_live-demo   a task that runs for about 10 s (see live.mjs)
//
// Every request is recorded (method, raw path, headers, arrival time, and whether the client
// hung up before the response was complete) so tests can assert exactly what the client sent,
// how many requests the server saw, how they were spaced, and which downloads were cancelled.
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerFault, parseFaultId } from './faults.mjs';
import { createLiveTask } from './live.mjs';

export const TEST_API_KEY = 'hk_test_mock_0123456789';
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** Fixture bodies by task id, as raw text (served byte for byte). */
export function loadFixtures(dir = FIXTURES_DIR) {
  const byId = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    byId.set(JSON.parse(text).task.id, { file, text });
  }
  return byId;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': 'Authorization, Accept, Content-Type',
  'access-control-expose-headers': 'x-request-id, request-id, retry-after, retry-after-ms, x-should-retry, content-length',
  'access-control-max-age': '600',
};

/**
 * A request handler for the mock API. Returns false for paths outside /api/ so that a
 * bigger server (the demo) can serve the rest.
 */
export function createMockApi({ fixtures = loadFixtures() } = {}) {
  const requests = [];
  const attempts = new Map(); // fault id → requests seen
  let counter = 0;
  const live = createLiveTask(fixtures); // tsk_live-demo: pending → running → completed over 10 s

  function send(res, status, body, extra = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      ...CORS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-request-id': `req_mock_${counter}`,
      ...extra,
    });
    res.end(text);
  }

  function handle(req, res) {
    const rawPath = req.url.split('?')[0];
    if (!rawPath.startsWith('/api/')) return false;
    counter += 1;
    const entry = { method: req.method, path: req.url, id: null, headers: { ...req.headers }, at: Date.now(), cancelled: false };
    requests.push(entry);
    // The client closed the connection before the whole response went out (a cancelled body).
    res.on('close', () => {
      if (!res.writableFinished) entry.cancelled = true;
    });
    if (req.method === 'OPTIONS') {
      const asked = req.headers['access-control-request-headers'];
      res.writeHead(204, { ...CORS, ...(asked ? { 'access-control-allow-headers': asked } : {}) });
      res.end();
      return true;
    }
    const auth = req.headers.authorization;
    if (auth !== undefined && auth !== `Bearer ${TEST_API_KEY}`) {
      send(res, 401, { error: 'Invalid API key' });
      return true;
    }
    const match = /^\/api\/tasks\/([^/]+)$/.exec(rawPath);
    if (req.method !== 'GET' || !match) {
      send(res, 404, { error: `No route for ${req.method} ${rawPath}` });
      return true;
    }
    let id;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      send(res, 400, { error: 'Malformed percent-encoding in task id' });
      return true;
    }
    entry.id = id;
    const fault = parseFaultId(id);
    if (fault) {
      const attempt = attempts.get(id) ?? 0;
      attempts.set(id, attempt + 1);
      const headers = { ...CORS, 'x-request-id': `req_mock_${counter}` };
      answerFault(req, res, fault, attempt, { fixtures, headers }).catch(() => res.destroy());
      return true;
    }
    if (id === live.id) {
      send(res, 200, live.body()); // tsk_live-demo: see live.mjs
      return true;
    }
    const fixture = fixtures.get(id);
    if (!fixture) {
      send(res, 404, { error: `Task not found: ${id}` });
      return true;
    }
    send(res, 200, fixture.text);
    return true;
  }

  /** GET requests the server saw for one task id (decoded), in arrival order. */
  const requestsFor = (id) => requests.filter((r) => r.method === 'GET' && r.id === id);
  const countFor = (id) => requestsFor(id).length;
  return { handle, requests, fixtures, countFor, requestsFor };
}

/** Starts the mock API alone on 127.0.0.1 (port 0 = any free port). */
export async function startMockApi({ port = 0, fixtures } = {}) {
  const api = createMockApi({ fixtures });
  const server = createServer((req, res) => {
    if (!api.handle(req, res)) {
      res.writeHead(404, CORS).end();
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests: api.requests,
    fixtures: api.fixtures,
    countFor: api.countFor,
    requestsFor: api.requestsFor,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// `node tests/mock-api/index.mjs [port]` runs it standalone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mock = await startMockApi({ port: Number(process.argv[2] ?? 0) });
  console.log(`mock Handinger API on ${mock.url} (key: ${TEST_API_KEY} or none)`);
}
