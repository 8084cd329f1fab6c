// The demo page: connection panel, fetch, watch and validate, wired to handinger-wasm.
// All data goes into the DOM as text (see dom.js), never as HTML.
//
// The API key lives only in the password field: it is read at call time, passed to the
// library (which sends it as Authorization and redacts it from errors) and kept nowhere
// else: not in the URL, storage, logs or any variable that outlives the call.
import { fetchTaskWithResponse, waitForTask, APIUserAbortError } from 'handinger-wasm';
import { $, fmtDuration, h } from './dom.js';
import { renderTask, hideTask } from './task-view.js';
import { renderError, hideError } from './error-view.js';
import { createWatchPanel } from './watch.js';
import { setupValidator } from './validate.js';

const form = $('#fetch-form');
const baseUrlInput = $('#base-url');
const keyInput = $('#api-key');
const idInput = $('#task-id');
const fetchButton = $('#fetch-button');
const watchButton = $('#watch-button');
const stopButton = $('#stop-button');
const fetchStatus = $('#fetch-status');
const watch = createWatchPanel();

baseUrlInput.value = location.origin;
baseUrlInput.placeholder = location.origin;

/** Numbers from the Options fields; empty ones are left out (library defaults apply). */
function numberOption(sel, scale = 1) {
  const n = $(sel).valueAsNumber;
  return Number.isFinite(n) ? n * scale : undefined;
}

/** Options for one call, read from the form now (so edits apply to the next call). */
function callOptions() {
  const baseUrl = baseUrlInput.value.trim() || location.origin;
  const apiKey = keyInput.value.trim() || null; // null: send no key (the page's server may add one)
  const options = {
    baseUrl,
    apiKey,
    timeoutMs: numberOption('#timeout-ms'),
    maxRetries: numberOption('#max-retries'),
    pollIntervalMs: numberOption('#poll-ms'),
    maxWaitMs: numberOption('#max-wait-s', 1000),
  };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  // The page's own server over plain http (e.g. on a LAN address) is fine without a key;
  // the library refuses non-loopback http otherwise, which protects a typed key.
  if (!apiKey && location.protocol === 'http:' && isPageOrigin(baseUrl)) options.allowInsecureHttp = true;
  return options;
}

function isPageOrigin(url) {
  try {
    return new URL(url).origin === location.origin;
  } catch {
    return false; // not a URL: the library reports it as a ValidationError
  }
}

// One operation at a time: a new one aborts the previous, whose abort error is then ignored.
let current = null;
function begin(kind) {
  current?.controller.abort();
  current = { kind, controller: new AbortController(), stopped: false };
  return current;
}

function setBusy(kind) {
  form.dataset.busy = kind ?? '';
  fetchButton.disabled = kind === 'watch';
  watchButton.hidden = kind === 'watch';
  stopButton.hidden = kind !== 'watch';
  fetchButton.textContent = kind === 'fetch' ? 'Fetching…' : 'Fetch';
  if (kind === 'fetch') fetchButton.setAttribute('aria-busy', 'true');
  else fetchButton.removeAttribute('aria-busy');
}

/** Keeps the task id (only the id) in the address bar, so a reload or a shared link reopens it. */
function rememberId(id) {
  history.replaceState(null, '', id ? `?id=${encodeURIComponent(id)}` : location.pathname);
}

const showError = (err, options, taskId) => renderError(err, { baseUrl: options.baseUrl, taskId }, { onOpenBody: openInValidator });

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (current?.kind === 'watch') return; // Stop first: a fetch must not silently end a watch
  const op = begin('fetch');
  const id = (idInput.value = idInput.value.trim()); // a pasted id often carries spaces
  const options = callOptions();
  hideError();
  $('#watch').hidden = true;
  setBusy('fetch');
  fetchStatus.textContent = `Fetching ${id}…`;
  rememberId(id);
  const t0 = performance.now();
  try {
    const res = await fetchTaskWithResponse(id, { ...options, signal: op.controller.signal });
    if (op !== current) return;
    const retries = res.retries === 1 ? '1 retry' : `${res.retries} retries`;
    renderTask(res.data, `HTTP ${res.status} · request id ${res.requestId ?? 'none'} · ${retries} · ${fmtDuration(performance.now() - t0)}`);
    fetchStatus.textContent = `Loaded ${res.data.task.id}.`;
  } catch (err) {
    if (op !== current) return; // replaced by a newer request: its result is what counts
    hideTask();
    showError(err, options, id);
    fetchStatus.textContent = '';
  } finally {
    if (op === current) {
      current = null;
      setBusy(null);
    }
  }
});

watchButton.addEventListener('click', async () => {
  const op = begin('watch');
  const id = (idInput.value = idInput.value.trim()); // a pasted id often carries spaces
  const options = callOptions();
  hideError();
  fetchStatus.textContent = '';
  setBusy('watch');
  rememberId(id);
  watch.start(id);
  let seen = false;
  let lastSeen = null;
  const onUpdate = (taskWithTurns) => {
    seen = true;
    lastSeen = { taskWithTurns, at: new Date().toLocaleTimeString() };
    watch.update(taskWithTurns);
    renderTask(taskWithTurns, `Live · updated ${lastSeen.at}`);
  };
  try {
    const final = await waitForTask(id, { ...options, signal: op.controller.signal, onUpdate });
    renderTask(final, `Finished · ${new Date().toLocaleTimeString()}`);
    watch.finish('done');
  } catch (err) {
    if (err instanceof APIUserAbortError && op.stopped) {
      watch.finish('stopped'); // the user asked for it: not a failure
      // No longer live: say what the card shows now.
      if (lastSeen) renderTask(lastSeen.taskWithTurns, `Stopped watching · as of ${lastSeen.at}`);
    } else {
      watch.finish('failed');
      if (!seen) hideTask();
      if (err.lastTask) renderTask(err.lastTask, 'Last snapshot before giving up');
      showError(err, options, id);
    }
  } finally {
    if (op === current) {
      current = null;
      setBusy(null);
      if (document.activeElement === stopButton || document.activeElement === document.body) watchButton.focus(); // Stop is hidden now
    }
  }
});

stopButton.addEventListener('click', () => {
  if (current?.kind !== 'watch') return;
  current.stopped = true;
  current.controller.abort();
});

const openInValidator = setupValidator({
  onPreview(taskWithTurns) {
    hideError();
    renderTask(taskWithTurns, 'From the validator (not fetched)');
    $('#task').scrollIntoView({ behavior: 'smooth', block: 'start' });
  },
});

function pickSample(id) {
  idInput.value = id;
  idInput.focus();
}

// Sample ids and mode from the server; the page still works if this fails.
try {
  const config = await (await fetch('/config.json')).json();
  $('#sample-ids').replaceChildren(...config.sampleIds.map((id) => h('option', { value: id })));
  $('#samples').replaceChildren(
    ...(config.sampleIds.length ? ['Samples: '] : []),
    ...config.sampleIds.map((id) =>
      h('button', { type: 'button', className: 'chip', onclick: () => pickSample(id) }, id),
    ),
  );
  $('#mode').textContent =
    config.mode === 'mock'
      ? `This server answers with a mock API: try the sample ids. tsk_live-demo completes ${fmtDuration(config.liveDurationMs ?? 10000)} after its first request: watch it.`
      : 'This server proxies the real Handinger API and adds its own key: leave the key field empty.';
} catch {
  $('#mode').textContent = 'Could not load /config.json; enter a base URL and task id yourself.';
}

fetchButton.disabled = false;
watchButton.disabled = false;
document.documentElement.dataset.ready = 'true'; // the package is initialised: tests may start
const initial = new URLSearchParams(location.search).get('id');
if (initial !== null) {
  idInput.value = initial;
  form.requestSubmit();
}
