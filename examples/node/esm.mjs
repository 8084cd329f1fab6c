// Node ESM: `node examples/node/esm.mjs <baseUrl> <taskId>` prints the task title and status.
import { fetchTask, NotFoundError } from 'handinger-wasm';

const [baseUrl, taskId] = process.argv.slice(2);
try {
  const { task, turns } = await fetchTask(taskId, { baseUrl, apiKey: null });
  console.log(JSON.stringify({ title: task.title, status: task.status, turns: turns.length }));
} catch (err) {
  if (!(err instanceof NotFoundError)) throw err;
  console.log(JSON.stringify({ notFound: err.status, requestId: err.requestId }));
}
