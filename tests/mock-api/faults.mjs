// Fault modes of the mock API, switched on per request by the task id, so that browsers
// (which cannot be told to add headers freely) and Node tests drive them alike:
//
//   fault:<key>=<value>;<key>=<value>…;n=<nonce>
//
// Attempts are counted per full id (use a fresh nonce per test). Keys:
//   status=500,503,200   status per attempt (the last one repeats); 2xx serves `task`
//   task=<fixture id>    body of 2xx answers (default: the seed example)
//   retry-after=2 | retry-after-ms=150 | retry-after-date=<seconds from now>   on non-2xx
//   should-retry=true|false                                                   x-should-retry
//   delay=<ms>           wait before the headers
//   stall=<ms>           send the first 64 body bytes, then wait (0 = forever) before the rest
//   truncate=<bytes>     a complete response whose body is cut (Content-Length matches)
//   drop=<bytes>         announce the full length, send some bytes, destroy the connection
//   html=1               non-2xx answers are an HTML page (a proxy's error page)
//   chunked=1            no Content-Length
//   huge=<bytes>         a valid task padded with an unknown field to about that size
//   progress=1           pending → running → completed, one step per request
//   echo-key=1           error bodies echo the Authorization header (redaction tests)
//   redirect=insecure    302 to http://example.invalid/… (must be refused before connecting)
//   redirect=<task id>   302 to /api/tasks/<task id> on this server (loopback: followed)
//   key-in-body=<key>    a 200 whose task.status is <key> (redaction of validation issues;
//                        also an unknown enum value for the strict/lenient cases)
//   request-id=plain     send the request id as `request-id` instead of `x-request-id`

const DEFAULT_TASK = 'tsk_2Z-YWz3hFq6VlW';

export function parseFaultId(id) {
  if (!id.startsWith('fault:')) return null;
  const spec = {};
  for (const part of id.slice(6).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) spec[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return spec;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The body of the task that moves one step per request. */
function progressBody(fixtures, step) {
  const task = JSON.parse(fixtures.get('tsk_run-8Qm2xV').text);
  task.task.id = 'tsk_progress';
  for (const t of task.turns) t.taskId = 'tsk_progress';
  if (step === 0) {
    task.task.status = 'pending';
    task.turns = [];
    task.task.totals = { credits: 0, durationMs: 0, turnCount: 0 };
  } else if (step >= 2) {
    task.task.status = 'completed';
    task.task.completedAt = '2026-05-12T10:00:09.000Z';
    task.turns[0].status = 'completed';
    task.turns[0].completedAt = '2026-05-12T10:00:09.000Z';
    task.turns[0].outputText = 'Done.';
  }
  return JSON.stringify(task);
}

/**
 * Answers a fault request. `attempt` counts from 0 for this id; `headers` are the mock's
 * standard response headers (CORS, request id).
 */
export async function answerFault(req, res, spec, attempt, { fixtures, headers: standard }) {
  const headers = { ...standard };
  if (spec['request-id'] === 'plain') {
    headers['request-id'] = headers['x-request-id'].replace('req_mock_', 'req_plain_');
    delete headers['x-request-id'];
  }
  if (spec.redirect) {
    const target = spec.redirect === 'insecure' ? 'http://example.invalid/api/tasks/x' : `/api/tasks/${encodeURIComponent(spec.redirect)}`;
    res.writeHead(302, { ...headers, location: target, 'content-length': '0' });
    res.end();
    return;
  }
  if (spec['key-in-body']) {
    const task = JSON.parse(fixtures.get(DEFAULT_TASK).text);
    task.task.status = spec['key-in-body'];
    const text = JSON.stringify(task);
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
    return;
  }
  const statuses = (spec.status ?? '200').split(',').map(Number);
  const status = statuses[Math.min(attempt, statuses.length - 1)];
  const ok = status >= 200 && status < 300;
  let body;
  let type = 'application/json; charset=utf-8';
  if (spec.progress) {
    body = progressBody(fixtures, attempt);
  } else if (ok) {
    body = fixtures.get(spec.task ?? DEFAULT_TASK).text;
    if (spec.huge) {
      const task = JSON.parse(body);
      task.padding = 'x'.repeat(Math.max(0, Number(spec.huge) - body.length));
      body = JSON.stringify(task);
    }
  } else if (spec.html) {
    type = 'text/html';
    body = `<!doctype html><html><head><title>${status} Bad Gateway</title></head><body><h1>${status} Bad Gateway</h1><p>${'The upstream server is unavailable. '.repeat(30)}</p></body></html>`;
  } else {
    const echo = spec['echo-key'] ? ` (you sent ${req.headers.authorization})` : '';
    body = JSON.stringify({ error: `Simulated ${status}${echo}` });
  }
  const extra = { ...headers, 'content-type': type };
  if (!ok) {
    if (spec['retry-after']) extra['retry-after'] = spec['retry-after'];
    if (spec['retry-after-ms']) extra['retry-after-ms'] = spec['retry-after-ms'];
    if (spec['retry-after-date']) extra['retry-after'] = new Date(Date.now() + Number(spec['retry-after-date']) * 1000).toUTCString();
    if (spec['echo-key']) extra['x-echo'] = req.headers.authorization ?? '';
  }
  if (spec['should-retry']) extra['x-should-retry'] = spec['should-retry'];
  const bytes = Buffer.from(body);
  const sent = spec.truncate ? bytes.subarray(0, Number(spec.truncate)) : bytes;
  if (!spec.chunked) extra['content-length'] = String(sent.length);

  if (spec.delay) await sleep(Number(spec.delay));
  if (res.destroyed) return;
  res.writeHead(status, extra);
  if (spec.drop) {
    res.write(sent.subarray(0, Number(spec.drop)));
    await sleep(20);
    res.socket?.destroy();
    return;
  }
  if (spec.stall !== undefined) {
    res.write(sent.subarray(0, 64));
    const ms = Number(spec.stall);
    if (ms === 0) {
      // Stall until the client gives up (the mock stays healthy: the socket just idles).
      res.on('close', () => {});
      return;
    }
    await sleep(ms);
    if (!res.destroyed) res.end(sent.subarray(64));
    return;
  }
  if (spec.huge && spec.chunked) {
    // Stream it in pieces, as a real large response arrives.
    for (let at = 0; at < sent.length && !res.destroyed; at += 65536) {
      if (!res.write(sent.subarray(at, at + 65536))) await new Promise((r) => res.once('drain', r));
    }
    res.end();
    return;
  }
  res.end(sent);
}
