// Node ESM consumer (tsconfig.node16.json): resolves the `node` → `import` condition.
import { fetchTask, HandingerClient, type TaskStatus } from 'handinger-wasm';

export async function statusOf(id: string): Promise<TaskStatus> {
  const client = new HandingerClient({ apiKey: null, baseUrl: 'http://127.0.0.1:8787' });
  const a = await client.fetchTask(id);
  const b = await fetchTask(id, { maxRetries: 0 });
  return a.task.status === b.task.status ? a.task.status : 'error';
}
