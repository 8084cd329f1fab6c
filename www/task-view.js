// The task view: header, totals, metadata and the turns timeline with a JSON tree.
import { $, badge, fillList, fmtDuration, fmtNum, fmtTime, h } from './dom.js';

const FOLD_CHARS = 280; // longer texts (or more than FOLD_LINES lines) start folded
const FOLD_LINES = 4;
const OPEN_DEPTH = 3; // JSON tree levels open at first; deeper ones wait for a click

/**
 * Renders `{ task, turns }` into #task. `source` says where it came from, e.g.
 * "HTTP 200 · request id req_1 · 12 ms".
 */
export function renderTask({ task, turns }, source = '') {
  const box = $('#task');
  box.dataset.taskId = task.id; // lets tests wait for *this* task, even with equal titles
  box.dataset.status = task.status;
  $('#task-title').textContent = task.title;
  const status = $('#task-status');
  status.textContent = task.status;
  status.dataset.status = task.status;
  $('#task-source').textContent = source;

  const sum = (key) => turns.reduce((total, t) => total + t[key], 0);
  const tokensIn = sum('inputTokens');
  const tokensOut = sum('outputTokens');
  fillList($('#totals'), [
    ['Credits', fmtNum(task.totals.credits)],
    ['Duration', fmtDuration(task.totals.durationMs)],
    ['Turns', fmtNum(task.totals.turnCount)],
    ['Tokens', h('span', {}, fmtNum(tokensIn + tokensOut), h('small', {}, ` ${fmtNum(tokensIn)} in · ${fmtNum(tokensOut)} out`))],
  ], { grouped: true });
  fillList($('#task-meta'), [
    ['Task id', h('code', {}, task.id)],
    ['Triggered by', task.triggeredBy],
    ['Created', fmtTime(task.createdAt)],
    ['Completed', fmtTime(task.completedAt)],
    ['Worker', h('code', {}, task.workerId)],
    ['Organisation', h('code', {}, task.organizationId)],
    ['Created by', task.createdByUserId ? h('code', {}, task.createdByUserId) : h('span', { className: 'muted' }, 'not a user (API, email or schedule)')],
  ]);
  const link = $('#task-link');
  // The library checked it is an absolute http(s) URL; checked again so no other scheme lands in href.
  if (/^https?:\/\//i.test(task.url)) link.href = task.url;
  else link.removeAttribute('href');

  $('#turns').replaceChildren(...(turns.length ? turns.map(renderTurn) : [h('li', { className: 'turn empty muted' }, 'No turns yet.')]));
  box.hidden = false;
}

export function hideTask() {
  $('#task').hidden = true;
}

function renderTurn(turn) {
  const started = new Date(turn.startedAt).toLocaleTimeString(undefined, { timeStyle: 'medium' });
  return h(
    'li',
    { className: 'turn', dataset: { status: turn.status }, 'data-testid': 'turn' },
    h(
      'div',
      { className: 'turn-head' },
      h('span', { className: 'seq' }, `#${turn.seq}`),
      h('span', { className: 'role' }, turn.role),
      badge(turn.status),
      h('span', { className: 'muted turn-time' }, 'started ', h('time', { dateTime: turn.startedAt, title: turn.startedAt }, started), ` · ${fmtDuration(turn.durationMs)}`),
    ),
    h(
      'p',
      { className: 'turn-meta muted' },
      `${fmtNum(turn.inputTokens)} tokens in · ${fmtNum(turn.outputTokens)} out · ${fmtNum(turn.credits)} credits`,
    ),
    h('h4', {}, 'Input'),
    foldText(turn.input, '(empty)'),
    h('h4', {}, 'Output'),
    foldText(turn.outputText, turn.completedAt ? '(empty)' : '(no output yet)'),
    turn.structuredOutput !== null && [h('h4', {}, 'Structured output'), jsonTree(turn.structuredOutput)],
  );
}

/** Text as a paragraph; long text folds into <details> showing its start. */
function foldText(text, emptyLabel) {
  if (!text) return h('p', { className: 'text muted' }, emptyLabel);
  const lines = text.split('\n');
  if (text.length <= FOLD_CHARS && lines.length <= FOLD_LINES) return h('p', { className: 'text' }, text);
  const preview = lines[0].slice(0, 160);
  return h(
    'details',
    { className: 'fold' },
    h('summary', {}, h('span', { className: 'preview' }, `${preview}…`), h('span', { className: 'muted' }, ` show all ${fmtNum(text.length)} characters`)),
    h('p', { className: 'text' }, text),
  );
}

/** structuredOutput as nested <details>: summaries are focusable and toggle with Enter/Space. */
export function jsonTree(value) {
  return h('div', { className: 'json-tree' }, node('structuredOutput', value, 0));
}

function node(key, value, depth) {
  const label = h('span', { className: 'key' }, key);
  if (value === null || typeof value !== 'object') {
    return h('div', { className: 'leaf' }, label, ': ', scalar(value));
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const shape = Array.isArray(value)
    ? `[ ${entries.length} item${entries.length === 1 ? '' : 's'} ]`
    : `{ ${entries.length} key${entries.length === 1 ? '' : 's'} }`;
  if (!entries.length) return h('div', { className: 'leaf' }, label, ': ', h('span', { className: 'shape' }, Array.isArray(value) ? '[]' : '{}'));
  return h(
    'details',
    { open: depth < OPEN_DEPTH },
    h('summary', {}, label, ' ', h('span', { className: 'shape' }, shape)),
    h('ul', {}, entries.map(([k, v]) => h('li', {}, node(k, v, depth + 1)))),
  );
}

function scalar(value) {
  const type = value === null ? 'null' : typeof value;
  return h('span', { className: `v-${type}` }, type === 'string' ? JSON.stringify(value) : String(value));
}
