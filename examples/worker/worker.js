// Import maps do not reach into workers: import the browser entry by path (a bundler would
// resolve 'handinger-wasm' to the same file).
import { fetchTask, NotFoundError } from '../node_modules/handinger-wasm/index.js';

self.onmessage = async ({ data: { id, baseUrl } }) => {
  try {
    const { task } = await fetchTask(id, { baseUrl, apiKey: null });
    self.postMessage(`${task.title} [${task.status}] (from a worker)`);
  } catch (err) {
    self.postMessage(err instanceof NotFoundError ? `not found (${err.status})` : `error: ${err.name}: ${err.message}`);
  }
};
self.postMessage('ready');
