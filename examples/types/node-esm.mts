// Node ESM consumer (tsconfig.node16.json): resolves the `node` → `import` condition.
import { fetchTask, HandingerClient, type TaskStatus } from 'handinger-wasm';

export async function statusOf(id: string): Promise<TaskStatus> {
  const client = new HandingerClient({ apiKey: null, baseUrl: 'http://127.0.0.1:8787' });
  const a = await client.fetchTask(id);
  const b = await fetchTask(id, { maxRetries: 0 });
  return a.task.status === b.task.status ? a.task.status : 'error';
}

// In Node the package is initialised on import: init/initSync are no-ops typed as such.
import { init, initSync } from 'handinger-wasm';
export async function explicitLoad(): Promise<void> {
  const done: void = await init();
  initSync();
  // @ts-expect-error Node's init resolves to nothing (the web init's InitOutput is not here)
  (await init()).memory;
  return done;
}
