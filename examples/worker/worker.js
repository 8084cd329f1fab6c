// Imports the package by name, as a user would: the bundler resolves it through the
// package's `exports` map (the browser `default` condition, top-level-await entry).
import { fetchTask, NotFoundError } from 'handinger-wasm';

self.onmessage = async ({ data: { id, baseUrl } }) => {
  try {
    const { task } = await fetchTask(id, { baseUrl, apiKey: null });
    self.postMessage(`${task.title} [${task.status}] (from a worker)`);
  } catch (err) {
    self.postMessage(err instanceof NotFoundError ? `not found (${err.status})` : `error: ${err.name}: ${err.message}`);
  }
};
self.postMessage('ready');
