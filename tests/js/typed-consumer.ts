// Type-checked with `tsc --strict --noEmit` against the installed package: a wrong .d.ts
// (any, `| undefined` where the wire has null, a missing export) fails the build.
import {
  APIError,
  HandingerClient,
  NotFoundError,
  ValidationError,
  fetchTask,
  fetchTaskWithResponse,
  isTerminalStatus,
  validateTaskId,
  type ClientOptions,
  type Task,
  type TaskStatus,
  type TaskTotals,
  type TaskWithTurns,
  type TriggeredBy,
  type Turn,
  type ValidationIssue,
} from 'handinger-wasm';

// Exact type equality (fails on `any`, on extra `| undefined`, on optional vs required).
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T): void {}

assertType<Equals<Task['completedAt'], string | null>>(true);
assertType<Equals<Task['createdByUserId'], string | null>>(true);
assertType<Equals<Turn['completedAt'], string | null>>(true);
assertType<Equals<Turn['structuredOutput'], Record<string, unknown> | null>>(true);
assertType<Equals<TaskStatus, 'pending' | 'running' | 'completed' | 'error' | 'aborted'>>(true);
assertType<Equals<TriggeredBy, 'api' | 'email' | 'schedule' | 'ui'>>(true);
assertType<Equals<TaskTotals, { credits: number; durationMs: number; turnCount: number }>>(true);
assertType<Equals<Task['status'], TaskStatus>>(true);
assertType<Equals<Turn['role'], string>>(true);
assertType<Equals<Turn['seq'], number>>(true);
assertType<Equals<TaskWithTurns['turns'], Turn[]>>(true);
assertType<Equals<Awaited<ReturnType<typeof fetchTask>>, TaskWithTurns>>(true);
assertType<Equals<ValidationIssue, { path: string; code: ValidationIssue['code']; message: string }>>(true);
// Every field the wire has, required (no `?`), camelCase.
assertType<Equals<keyof Task, 'id' | 'completedAt' | 'createdAt' | 'createdByUserId' | 'organizationId' | 'status' | 'title' | 'totals' | 'triggeredBy' | 'url' | 'workerId'>>(true);

export async function summarize(id: string): Promise<string> {
  const options: ClientOptions = { baseUrl: 'http://127.0.0.1:8787', apiKey: null, timeoutMs: 5000 };
  const client = new HandingerClient(options);
  const { task, turns }: TaskWithTurns = await client.fetchTask(validateTaskId(id));
  const done: string = task.completedAt ?? 'not yet';
  const tokens = turns.reduce((sum, t) => sum + t.inputTokens + t.outputTokens, 0);
  const firstOutput = turns[0]?.structuredOutput?.['temperatureCelsius'];
  const res = await fetchTaskWithResponse(id, { signal: new AbortController().signal });
  const requestId: string | null = res.requestId;
  return `${task.title} [${task.status}${isTerminalStatus(task.status) ? ', done ' + done : ''}] ${tokens} tokens ${String(firstOutput)} ${requestId ?? ''} ${task.totals.credits}`;
}

export async function handle(id: string): Promise<number | undefined> {
  try {
    await fetchTask(id);
    return 200;
  } catch (err) {
    if (err instanceof NotFoundError) return err.status;
    if (err instanceof ValidationError) return err.issues.length;
    if (err instanceof APIError) {
      const rid: string | null = err.requestId;
      return rid === null ? err.status : undefined;
    }
    throw err;
  }
}

// `headers` takes what fetch takes: a record, a Headers, a Map or pairs; not numbers.
export async function headerShapes(id: string): Promise<void> {
  await fetchTask(id, { headers: { 'x-a': '1' } });
  await fetchTask(id, { headers: new Headers({ 'x-a': '1' }) });
  await fetchTask(id, { headers: new Map([['x-a', '1']]) });
  await fetchTask(id, { headers: [['x-a', '1']] });
  // @ts-expect-error header values are strings
  await fetchTask(id, { headers: { 'x-a': 1 } });
}
