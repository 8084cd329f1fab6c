// A webpack 5 app: the package is a plain dependency; webpack emits the .wasm as an asset
// from `new URL(..., import.meta.url)` and handles top-level await (on by default since 5.83).
import { fetchTask, NotFoundError } from 'handinger-wasm';

const id = new URLSearchParams(location.search).get('id') ?? 'tsk_2Z-YWz3hFq6VlW';
const out = document.querySelector('#result');
fetchTask(id, { baseUrl: location.origin, apiKey: null })
  .then(({ task }) => {
    out.textContent = `${task.title} [${task.status}]`;
  })
  .catch((err) => {
    out.textContent = err instanceof NotFoundError ? `not found (${err.status})` : `error: ${err.name}: ${err.message}`;
  });
