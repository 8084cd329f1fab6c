// The validator panel: pasted JSON → safeParseTaskWithTurns (strict) → checkTaskConsistency.
// Each issue is a button that selects the offending value in the textarea.
import { safeParseTaskWithTurns, checkTaskConsistency } from 'handinger-wasm';
import { $, h, plural } from './dom.js';
import { issueList } from './error-view.js';
import { rangeForIssue } from './json-locate.js';

const SAMPLE_URL = '/fixtures/seed-example.json'; // the documented example, served by www/server.mjs
const AUTO_DELAY_MS = 250; // validate while typing, once the typing pauses

export function setupValidator({ onPreview }) {
  const input = $('#json-input');
  const result = $('#validate-result');
  let timer = null;
  let lastValid = null;

  function validate() {
    clearTimeout(timer);
    const text = input.value;
    lastValid = null;
    if (!text.trim()) {
      result.dataset.state = 'empty';
      result.replaceChildren(h('p', { className: 'muted' }, 'Paste a response body, or load the sample.'));
      return;
    }
    const parsed = safeParseTaskWithTurns(text, { strict: true });
    if (!parsed.success) return show('invalid', 'Not a valid task', 'safeParseTaskWithTurns found', parsed.error.issues);
    const issues = checkTaskConsistency(parsed.data);
    lastValid = parsed.data;
    if (issues.length) return show('inconsistent', 'Valid shape, but inconsistent', 'checkTaskConsistency found', issues);
    result.dataset.state = 'valid';
    result.replaceChildren(
      h('p', { className: 'verdict ok' }, '✓ Valid and consistent: ', h('code', {}, parsed.data.task.id), ` with ${plural(parsed.data.turns.length, 'turn')}.`),
      h('button', { type: 'button', className: 'secondary', onclick: () => onPreview(lastValid) }, 'Show it in the task view'),
    );
  }

  function show(state, verdict, by, issues) {
    result.dataset.state = state;
    result.replaceChildren(
      h('p', { className: `verdict ${state === 'invalid' ? 'bad' : 'warn'}` }, `${state === 'invalid' ? '✗' : '⚠'} ${verdict}. `, h('span', { className: 'muted' }, `${by} ${plural(issues.length, 'issue')}; ${issues.length === 1 ? 'choose it' : 'choose one'} to see it in the JSON.`)),
      issueList(issues, { onPick: highlight }),
    );
    if (state === 'inconsistent') {
      result.append(h('button', { type: 'button', className: 'secondary', onclick: () => onPreview(lastValid) }, 'Show it in the task view anyway'));
    }
  }

  /** Selects the value an issue points at and scrolls the textarea to it. */
  function highlight(issue, button) {
    const { start, end } = rangeForIssue(input.value, issue);
    for (const b of result.querySelectorAll('.issue')) b.removeAttribute('aria-current');
    button.setAttribute('aria-current', 'true');
    input.focus();
    input.setSelectionRange(start, end);
    // Lines are not wrapped (wrap="off"), so the line number gives the scroll position.
    const line = input.value.slice(0, start).split('\n').length - 1;
    const lineHeight = parseFloat(getComputedStyle(input).lineHeight) || 20;
    input.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  async function loadSample() {
    const res = await fetch(SAMPLE_URL);
    if (!res.ok) throw new Error(`${SAMPLE_URL}: ${res.status}`);
    setText(await res.text());
    validate();
  }

  /** New content starts at its top-left corner (the textarea does not wrap lines). */
  function setText(text) {
    input.value = text;
    input.scrollTop = 0;
    input.scrollLeft = 0;
  }

  /** Applies `mutate` to the current JSON (the sample when it is not JSON) and revalidates. */
  async function edit(mutate) {
    let body;
    try {
      body = JSON.parse(input.value);
    } catch {
      await loadSample();
      body = JSON.parse(input.value);
    }
    if (!body?.task || !Array.isArray(body.turns)) {
      await loadSample();
      body = JSON.parse(input.value);
    }
    mutate(body);
    setText(JSON.stringify(body, null, 2));
    validate();
  }

  // Wrong types and values: the kind of thing APIResponseValidationError reports.
  const breakIt = (body) => {
    body.task.createdAt = 'yesterday';
    body.task.status = 'finished';
    if (body.turns[0]) body.turns[0].inputTokens = String(body.turns[0].inputTokens);
    else body.task.totals.credits = -1;
  };
  // Well-typed but contradictory: what checkTaskConsistency reports.
  const makeInconsistent = (body) => {
    body.task.totals.turnCount = body.turns.length + 1;
    const last = body.turns.at(-1);
    if (last) last.taskId = 'tsk_someone-else';
    body.task.completedAt = body.task.completedAt ? null : body.task.createdAt;
  };

  const report = (err) => result.replaceChildren(h('p', { className: 'verdict bad' }, `Could not load the sample: ${err.message}`));
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(validate, AUTO_DELAY_MS);
  });
  $('#validate-button').addEventListener('click', validate);
  $('#load-sample').addEventListener('click', () => loadSample().catch(report));
  $('#break-it').addEventListener('click', () => edit(breakIt).catch(report));
  $('#make-inconsistent').addEventListener('click', () => edit(makeInconsistent).catch(report));
  validate();

  /** Puts `text` (e.g. a rejected response body) in the validator and shows its issues. */
  return function open(text) {
    input.value = text;
    validate();
    $('#validate').scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
}
