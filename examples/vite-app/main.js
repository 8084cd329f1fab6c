// A Vite app: the package is a plain dependency; no plugin. The .wasm is emitted as an asset.
import { fetchTask, NotFoundError, validateTaskId } from 'handinger-wasm';

const id = new URLSearchParams(location.search).get('id') ?? 'tsk_2Z-YWz3hFq6VlW';
const out = document.querySelector('#result');
try {
  const { task } = await fetchTask(validateTaskId(id), { baseUrl: location.origin, apiKey: null });
  out.textContent = `${task.title} [${task.status}]`;
} catch (err) {
  out.textContent = err instanceof NotFoundError ? `not found (${err.status})` : `error: ${err.name}: ${err.message}`;
}
