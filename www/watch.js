// The watch panel: live status, elapsed time and a 3-step progress indicator while
// waitForTask polls. It only displays; app.js owns the request and its AbortController.
import { isTerminalStatus } from 'handinger-wasm';
import { $, badge, fmtDuration, h } from './dom.js';

const TICK_MS = 100;

export function createWatchPanel() {
  const box = $('#watch');
  const state = $('#watch-state');
  const live = $('#watch-live'); // polite live region: status changes only, not the clock
  const elapsedEl = $('#watch-elapsed');
  const progress = $('#watch-progress');
  const log = $('#watch-log');
  const steps = [...box.querySelectorAll('.steps li')];
  let startedAt = 0;
  let ticker = null;
  let updates = 0;
  let last = null;

  const elapsed = () => performance.now() - startedAt;
  const tick = () => (elapsedEl.textContent = `${(elapsed() / 1000).toFixed(1)} s`);

  function setState(name, label) {
    box.dataset.state = name;
    state.textContent = label;
    state.dataset.status = { watching: 'running', done: last?.task.status ?? 'completed', stopped: 'stopped', failed: 'error' }[name];
  }

  /** Step 1 pending, 2 running (or any status the API adds later), 3 terminal. */
  function setStep(status) {
    const step = status === null ? 0 : status === 'pending' ? 1 : isTerminalStatus(status) ? 3 : 2;
    steps.forEach((li, i) => {
      li.classList.toggle('done', i < step - 1 || step === 3);
      if (i === step - 1) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
    if (step === 3) steps[2].querySelector('.label').textContent = status;
    progress.value = step;
  }

  return {
    start(taskId) {
      startedAt = performance.now();
      updates = 0;
      last = null;
      $('#watch-id').textContent = taskId;
      steps[2].querySelector('.label').textContent = 'done';
      log.replaceChildren();
      setStep(null);
      setState('watching', 'watching');
      live.textContent = 'Waiting for the first answer…';
      clearInterval(ticker);
      ticker = setInterval(tick, TICK_MS);
      tick();
      box.hidden = false;
    },

    /** onUpdate: the first snapshot, then each change of status or turns. */
    update(taskWithTurns) {
      last = taskWithTurns;
      updates += 1;
      const { status } = taskWithTurns.task;
      const turns = taskWithTurns.turns.length;
      setStep(status);
      live.textContent = `${status}, ${turns} turn${turns === 1 ? '' : 's'} (update ${updates})`;
      log.append(
        h('li', {}, h('span', { className: 'at' }, `+${(elapsed() / 1000).toFixed(1)} s`), badge(status), ` ${turns} turn${turns === 1 ? '' : 's'}`),
      );
    },

    /** `how`: done | stopped | failed. */
    finish(how) {
      clearInterval(ticker);
      tick();
      const after = fmtDuration(elapsed());
      if (how === 'done') {
        setState('done', last.task.status);
        live.textContent = `Finished: ${last.task.status} after ${after}, ${updates} update${updates === 1 ? '' : 's'}.`;
      } else if (how === 'stopped') {
        setState('stopped', 'stopped');
        live.textContent = `Stopped after ${after}. Only this page stopped watching; the task itself goes on.`;
      } else {
        setState('failed', 'failed');
        live.textContent = `Watching failed after ${after}: see the error below.`;
      }
    },
  };
}
