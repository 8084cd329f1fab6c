// A dedicated module worker does the fetching; the page only shows the answer. Vite sees
// `new Worker(new URL(…), { type: 'module' })` and bundles worker.js as its own entry, which
// is how the worker's bare `import … from 'handinger-wasm'` gets resolved (import maps do not
// reach into workers). The worker says 'ready' once the package (top-level await) has loaded:
// a message posted before that would reach no handler.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const id = new URLSearchParams(location.search).get('id') ?? 'tsk_2Z-YWz3hFq6VlW';
const out = document.querySelector('#result');
worker.onmessage = (e) => {
  if (e.data === 'ready') worker.postMessage({ id, baseUrl: location.origin });
  else out.textContent = e.data;
};
worker.onerror = (e) => (out.textContent = `worker error: ${e.message}`);
