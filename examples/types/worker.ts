// Dedicated Web Worker consumer (tsconfig.worker-bundler.json: lib "webworker", no "dom"):
// the package's declarations must compile without DOM types.
import { NotFoundError, fetchTask, safeParseTaskWithTurns, type TaskWithTurns } from 'handinger-wasm';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<{ id: string; baseUrl: string }>) => {
  const { id, baseUrl } = event.data;
  try {
    const t: TaskWithTurns = await fetchTask(id, { baseUrl, apiKey: null, signal: AbortSignal.timeout(10_000) });
    const copy = safeParseTaskWithTurns(JSON.stringify(t));
    self.postMessage(copy.success ? copy.data.task.title : copy.error.issues.map((i) => i.path));
  } catch (err) {
    self.postMessage(err instanceof NotFoundError ? `not found (${err.status})` : String(err));
  }
};
