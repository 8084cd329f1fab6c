// Node CommonJS consumer (tsconfig.node16.json): resolves the `node` → `require` condition.
import handinger = require('handinger-wasm');

export async function titleOf(id: string): Promise<string | null> {
  try {
    const { task } = await handinger.fetchTask(id, { apiKey: null });
    const completed: string | null = task.completedAt;
    return `${task.title} ${completed ?? ''}`;
  } catch (err) {
    if (err instanceof handinger.APIError) return err.requestId;
    throw err;
  }
}
