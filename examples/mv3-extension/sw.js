// MV3 service worker: static imports only (no top-level await, no dynamic import()), so it
// uses the `sync` entry, which instantiates the wasm synchronously from inlined bytes.
// The manifest's CSP must allow 'wasm-unsafe-eval'. vendor/ is the installed package, copied.
import { fetchTask, NotFoundError } from './vendor/handinger-wasm/sync.js';

async function lookUp(baseUrl, id) {
  try {
    const { task } = await fetchTask(id, { baseUrl, apiKey: null });
    return `${task.title} [${task.status}] (from the service worker)`;
  } catch (err) {
    return err instanceof NotFoundError ? `not found (${err.status})` : `error: ${err.name}: ${err.message}`;
  }
}

// Messages from the panel: { baseUrl, id } → the answer.
chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
  lookUp(msg.baseUrl, msg.id).then(reply);
  return true; // answer asynchronously
});
self.lookUp = lookUp; // for tests driving the worker directly
