// Every error class of the package, said in plain words: what happened and what to try.
import {
  ValidationError,
  WaitTimeoutError,
  APIResponseValidationError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionTimeoutError,
  APIConnectionError,
  APIUserAbortError,
  APIError,
} from 'handinger-wasm';
import { $, fillList, fmtDuration, h } from './dom.js';

/** Seconds the server asked us to wait, from retry-after-ms or retry-after (seconds or a date). */
export function retryAfterMs(headers) {
  const ms = Number(headers?.['retry-after-ms']);
  if (headers?.['retry-after-ms'] && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/**
 * { title, what, tryThis } for an error. Most specific class first: the subclasses of
 * APIConnectionError and APIError must be tested before their parents.
 */
export function describeError(err, { baseUrl, taskId }) {
  const id = taskId ? `“${taskId}”` : 'this id';
  if (err instanceof ValidationError) {
    return { title: 'Not sent: the input was refused', what: 'The library checked the request before sending it and found the problems below; nothing reached the server.', tryThis: 'Fix the task id or the option named below.' };
  }
  if (err instanceof WaitTimeoutError) {
    const last = err.lastTask?.task.status;
    return { title: 'Gave up waiting', what: `The task was not finished within the time limit${last ? ` (last status: ${last})` : ''}.`, tryThis: 'Raise “Give up after”, or leave it empty to wait without a limit.' };
  }
  if (err instanceof APIUserAbortError) {
    return { title: 'Stopped', what: 'The request was cancelled on this page.', tryThis: 'Start it again when you are ready.' };
  }
  if (err instanceof APIResponseValidationError) {
    return { title: 'The response broke the task model', what: 'The server answered with success, but the body is not a valid task: the problems are listed below with their JSON paths.', tryThis: 'Open the body in the validator to see each problem in place; if the API changed, update handinger-wasm.' };
  }
  if (err instanceof AuthenticationError) {
    return { title: 'The API key was refused', what: 'The server did not accept the key (401).', tryThis: 'Check the API key: paste it again without spaces, or leave the field empty when this page’s server adds the key for you.' };
  }
  if (err instanceof PermissionDeniedError) {
    return { title: 'Not allowed', what: 'The key is valid but may not read this task (403).', tryThis: 'Use a key of the organisation that owns the task.' };
  }
  if (err instanceof NotFoundError) {
    return { title: 'No such task', what: `The server has no task with the id ${id}, or none that this key may see (404).`, tryThis: 'Check the id: copy it from the task’s URL in the dashboard (it starts with tsk_).' };
  }
  if (err instanceof RateLimitError) {
    const wait = retryAfterMs(err.headers);
    return {
      title: 'Too many requests',
      what: `The server is rate-limiting this key (429)${wait !== null ? ` and asked to wait ${fmtDuration(wait)}` : ''}.`,
      tryThis: wait !== null ? `Wait ${fmtDuration(wait)}, then try again.` : 'Wait a little, then try again.',
    };
  }
  if (err instanceof InternalServerError) {
    return { title: 'The server failed', what: `The server had a problem of its own (${err.status}); retries did not help.`, tryThis: 'Try again later. If it keeps failing, report the request id.' };
  }
  if (err instanceof BadRequestError || err instanceof ConflictError || err instanceof UnprocessableEntityError) {
    return { title: 'The request was refused', what: `The server did not accept the request (${err.status}).`, tryThis: 'Check the task id and the base URL; the message below says more.' };
  }
  if (err instanceof APIConnectionTimeoutError) {
    return { title: 'No answer in time', what: `${baseUrl} did not answer before the timeout.`, tryThis: 'Check the base URL and your connection; raise the timeout for slow networks.' };
  }
  if (err instanceof APIConnectionError) {
    return { title: 'Could not reach the server', what: `No response came back from ${baseUrl}: it is down, the address is wrong, or the browser blocked the call (CORS).`, tryThis: 'Check the base URL. Another origin must allow this page by CORS; leave the page’s own origin to go through its server.' };
  }
  if (err instanceof APIError) {
    return { title: `Unexpected answer (${err.status})`, what: 'The server answered with a status the API does not document.', tryThis: 'Check the base URL points at the Handinger API.' };
  }
  return { title: 'Something went wrong', what: 'An unexpected error, not from the API client.', tryThis: 'Reload the page; if it persists, report the message below.' };
}

/** Fills #error; `onOpenBody(text)` is offered when the error carries a body to inspect. */
export function renderError(err, context, { onOpenBody } = {}) {
  const box = $('#error');
  const { title, what, tryThis } = describeError(err, context);
  const rows = [['Error', h('code', {}, err?.name ?? 'Error')]];
  if (typeof err?.status === 'number') rows.push(['Status', String(err.status)]);
  if (err?.requestId) rows.push(['Request id', h('code', {}, err.requestId)]);
  const wait = err instanceof RateLimitError ? retryAfterMs(err.headers) : null;
  if (wait !== null) rows.push(['Retry after', fmtDuration(wait)]);
  const issues = Array.isArray(err?.issues) ? err.issues : [];
  // A lone issue is the whole message: shown once, in the issue list.
  if (!(issues.length === 1 && issues[0].message === err?.message)) rows.push(['Message', String(err?.message ?? err)]);

  const canOpen = err instanceof APIResponseValidationError && typeof err.body === 'string' && onOpenBody;
  box.dataset.errorName = err?.name ?? 'Error';
  const parts = [
    h('h2', { className: 'error-title' }, title),
    h('p', {}, what),
    h('p', { className: 'try' }, h('strong', {}, 'What to try: '), tryThis),
    fillList(h('dl', { className: 'meta' }), rows),
    issues.length > 0 && issueList(issues),
    canOpen && h('button', { type: 'button', className: 'secondary', onclick: () => onOpenBody(err.body) }, 'Open the body in the validator'),
  ];
  box.replaceChildren(...parts.filter(Boolean));
  box.hidden = false;
}

export function hideError() {
  $('#error').hidden = true;
}

/** Issues as "path code message" rows (the message repeats the path: it is cut off). */
export function issueList(issues, { onPick } = {}) {
  return h(
    'ol',
    { className: 'issues' },
    issues.map((issue) => {
      const message = issue.message.startsWith(`${issue.path}: `) ? issue.message.slice(issue.path.length + 2) : issue.message;
      const parts = [h('code', { className: 'path' }, issue.path || '(whole body)'), ' ', h('span', { className: 'code' }, issue.code), ' ', h('span', { className: 'message' }, message)];
      return h('li', {}, onPick ? h('button', { type: 'button', className: 'issue', dataset: { path: issue.path }, onclick: (event) => onPick(issue, event.currentTarget) }, parts) : parts);
    }),
  );
}
