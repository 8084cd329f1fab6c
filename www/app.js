// The demo page: fetch one task through handinger-wasm and render it.
// All data goes into the DOM as text (textContent / text nodes), never as HTML.
import {
  fetchTask,
  ValidationError,
  APIResponseValidationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  InternalServerError,
  APIConnectionTimeoutError,
  APIConnectionError,
  APIUserAbortError,
} from 'handinger-wasm';

const $ = (sel) => document.querySelector(sel);
const form = $('#fetch-form');
const input = $('#task-id');
const button = $('#fetch-button');
const errorBox = $('#error');
const taskBox = $('#task');

/** Builds an element; string children become text nodes, so data is never parsed as HTML. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key in el) el[key] = value;
    else el.setAttribute(key, value);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

const fmtTime = (iso) => (iso ? h('time', { dateTime: iso, title: iso }, new Date(iso).toLocaleString()) : '—');
const fmtMs = (ms) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const fmtNum = (n) => n.toLocaleString();
const badge = (status) => h('span', { className: 'badge', 'data-status': status }, status);

/** A <dl> from [label, value] pairs; values may be strings or nodes. */
function fillList(dl, pairs) {
  dl.replaceChildren(...pairs.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

function renderTask({ task, turns }) {
  taskBox.dataset.taskId = task.id; // lets tests wait for *this* task, even with equal titles
  $('#task-title').textContent = task.title;
  const status = $('#task-status');
  status.textContent = task.status;
  status.dataset.status = task.status;
  fillList($('#task-meta'), [
    ['Id', h('code', {}, task.id)],
    ['Triggered by', task.triggeredBy],
    ['Created', fmtTime(task.createdAt)],
    ['Completed', fmtTime(task.completedAt)],
  ]);
  fillList($('#totals'), [
    ['Credits', fmtNum(task.totals.credits)],
    ['Duration', fmtMs(task.totals.durationMs)],
    ['Turns', fmtNum(task.totals.turnCount)],
  ]);
  $('#task-link').href = task.url; // the library checked it is an absolute http(s) URL
  $('#turns').replaceChildren(...(turns.length ? turns.map(renderTurn) : [h('li', { className: 'muted' }, 'No turns yet.')]));
  taskBox.hidden = false;
}

function renderTurn(turn) {
  return h(
    'li',
    { className: 'turn', 'data-testid': 'turn' },
    h('div', { className: 'turn-head' }, h('strong', {}, `#${turn.seq}`), ' ', turn.role, ' ', badge(turn.status)),
    h(
      'p',
      { className: 'turn-meta muted' },
      `${fmtNum(turn.inputTokens)} tokens in · ${fmtNum(turn.outputTokens)} out · `,
      `${fmtNum(turn.credits)} credits · ${fmtMs(turn.durationMs)}`,
    ),
    h('h4', {}, 'Input'),
    h('p', { className: 'text' }, turn.input),
    h('h4', {}, 'Output'),
    turn.outputText ? h('p', { className: 'text' }, turn.outputText) : h('p', { className: 'muted' }, '(no output yet)'),
    turn.structuredOutput !== null && h('h4', {}, 'Structured output'),
    turn.structuredOutput !== null && h('pre', { className: 'json' }, JSON.stringify(turn.structuredOutput, null, 2)),
  );
}

/** What to try next, by error class (most specific first). */
function hintFor(err) {
  if (err instanceof ValidationError) return 'Check the task id.';
  if (err instanceof AuthenticationError) return 'Check the API key: start the server with a valid HANDINGER_API_KEY.';
  if (err instanceof PermissionDeniedError) return 'This API key may not read that task.';
  if (err instanceof NotFoundError) return 'Check the task id: no task with that id is visible to this key.';
  if (err instanceof RateLimitError) return 'Too many requests: wait a moment and try again.';
  if (err instanceof APIResponseValidationError) return 'The server answered, but not with a valid task (see issues).';
  if (err instanceof InternalServerError) return 'The server (or, for 502, the proxy’s upstream) failed; try again later.';
  if (err instanceof APIConnectionTimeoutError) return 'The request timed out: check the server and your connection.';
  if (err instanceof APIConnectionError) return `Could not reach the server: check that it is running at ${location.origin}.`;
  return null;
}

function renderError(err) {
  const rows = [['Error', h('strong', {}, err?.name ?? 'Error')]];
  if (err?.status !== undefined && err.status !== null) rows.push(['Status', String(err.status)]);
  rows.push(['Message', String(err?.message ?? err)]);
  if (err?.requestId) rows.push(['Request id', h('code', {}, err.requestId)]);
  const hint = hintFor(err);
  if (hint) rows.push(['Hint', hint]);
  const dl = h('dl', { className: 'meta' });
  fillList(dl, rows);
  const issues = Array.isArray(err?.issues) && err.issues.length
    ? h('ul', { className: 'issues' }, ...err.issues.map((i) => h('li', {}, h('code', {}, i.path || '(root)'), ` ${i.code}: ${i.message}`)))
    : null;
  errorBox.dataset.errorName = err?.name ?? 'Error';
  errorBox.replaceChildren(dl, ...(issues ? [issues] : []));
  errorBox.hidden = false;
}

let current = null; // the in-flight request; a new submit aborts it

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  current?.abort();
  const controller = (current = new AbortController());
  const id = input.value;
  errorBox.hidden = true;
  taskBox.hidden = true;
  button.textContent = 'Fetching…';
  button.setAttribute('aria-busy', 'true');
  history.replaceState(null, '', id ? `?id=${encodeURIComponent(id)}` : location.pathname);
  try {
    // Same-origin: the demo server answers with the mock, or proxies and adds the key itself.
    renderTask(await fetchTask(id, { baseUrl: location.origin, apiKey: null, signal: controller.signal }));
  } catch (err) {
    if (!(err instanceof APIUserAbortError && controller.signal.aborted)) renderError(err);
  } finally {
    if (current === controller) {
      button.textContent = 'Fetch';
      button.removeAttribute('aria-busy');
    }
  }
});

// Sample ids and mode from the server; the page still works if this fails.
try {
  const config = await (await fetch('/config.json')).json();
  $('#sample-ids').replaceChildren(...config.sampleIds.map((id) => h('option', { value: id })));
  $('#mode').textContent =
    config.mode === 'mock'
      ? `Mock API with sample tasks: ${config.sampleIds.join(', ')}`
      : 'Live API through the demo server (it adds your API key).';
} catch {
  $('#mode').textContent = 'Could not load /config.json.';
}

button.disabled = false;
document.documentElement.dataset.ready = 'true'; // the package is initialised: tests may start
const initial = new URLSearchParams(location.search).get('id');
if (initial !== null) {
  input.value = initial;
  form.requestSubmit();
}
