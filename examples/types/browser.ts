// Bundler / browser consumer (tsconfig.bundler.json).
import { fetchTask, waitForTask, NotFoundError, type TaskWithTurns } from 'handinger-wasm';
import { parseTaskWithTurns } from 'handinger-wasm/sync';

export async function show(id: string): Promise<string> {
  try {
    const t: TaskWithTurns = await fetchTask(id, { baseUrl: location.origin, apiKey: null });
    const done = await waitForTask(id, { pollIntervalMs: 500, onUpdate: (u) => console.log(u.task.status) });
    return `${t.task.title} ${done.task.completedAt ?? ''} ${parseTaskWithTurns(JSON.stringify(t)).turns.length}`;
  } catch (err) {
    return err instanceof NotFoundError ? String(err.status) : 'error';
  }
}
