// Extension page (side panel or popup): the regular browser entry works here (top-level
// await is allowed in pages); the service worker is asked too, to show both paths.
import { fetchTask, NotFoundError } from './vendor/handinger-wasm/index.js';

const params = new URLSearchParams(location.search);
const baseUrl = params.get('baseUrl') ?? 'https://handinger.com';
const id = params.get('id') ?? 'tsk_2Z-YWz3hFq6VlW';
try {
  const { task } = await fetchTask(id, { baseUrl, apiKey: null });
  document.querySelector('#result').textContent = `${task.title} [${task.status}] (from the panel)`;
} catch (err) {
  document.querySelector('#result').textContent = err instanceof NotFoundError ? `not found (${err.status})` : `error: ${err.name}: ${err.message}`;
}
chrome.runtime.sendMessage({ baseUrl, id }).then((answer) => (document.querySelector('#from-sw').textContent = answer));
