// Node CommonJS: `node examples/node/cjs.cjs <baseUrl> <taskId>` prints the task title and status.
const { fetchTask, NotFoundError } = require('handinger-wasm');

const [baseUrl, taskId] = process.argv.slice(2);
fetchTask(taskId, { baseUrl, apiKey: null })
  .then(({ task, turns }) => console.log(JSON.stringify({ title: task.title, status: task.status, turns: turns.length })))
  .catch((err) => {
    if (!(err instanceof NotFoundError)) throw err;
    console.log(JSON.stringify({ notFound: err.status, requestId: err.requestId }));
  });
