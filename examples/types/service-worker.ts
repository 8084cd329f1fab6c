// MV3 service worker consumer of the `sync` entry (lib "webworker", no "dom"), checked with
// moduleResolution bundler (tsconfig.worker-bundler.json) and node16 (tsconfig.worker-node16.json).
import { APIError, fetchTask, isTerminalStatus, type TaskStatus } from 'handinger-wasm/sync';

declare const self: ServiceWorkerGlobalScope;

async function statusOf(baseUrl: string, id: string): Promise<string> {
  try {
    const { task } = await fetchTask(id, { baseUrl, apiKey: null });
    const status: TaskStatus = task.status;
    return isTerminalStatus(status) ? `${status} at ${task.completedAt ?? '?'}` : status;
  } catch (err) {
    return err instanceof APIError ? `${err.name} ${err.status ?? 'no response'}` : 'failed';
  }
}

self.addEventListener('message', (event) => {
  const { baseUrl, id } = event.data as { baseUrl: string; id: string };
  event.waitUntil(statusOf(baseUrl, id).then((answer) => event.source?.postMessage(answer)));
});
