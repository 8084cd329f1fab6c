// Bundler consumer (tsconfig.bundler.json) of the parse helpers, response fields, options and
// error classes. tests/examples copies it to typed-api.mts and typed-api.cts, checked under node16 as
// ESM and as CommonJS: each resolution reaches different .d.ts files, so each is checked.
// Every `@ts-expect-error` proves a misuse is rejected (tsc fails if the error goes away).
import * as h from 'handinger-wasm';

// Exact type equality: fails on `any`, on an extra `| undefined`, on a missing `| null`.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T): void => {};

export function summarizeParsed(input: unknown): string {
  const result = h.safeParseTaskWithTurns(input, { strict: false });
  if (!result.success) {
    assertType<Equals<typeof result.error.issues, h.ValidationIssue[]>>(true);
    // @ts-expect-error a failed parse has no data
    void result.data;
    return result.error.issues.map((i) => `${i.path} ${i.code} ${i.message}`).join('\n');
  }
  assertType<Equals<typeof result.data, h.TaskWithTurns>>(true);
  const { task } = result.data;
  // @ts-expect-error completedAt is null until the task ends
  void task.completedAt.length;
  // @ts-expect-error 'finished' is not a TaskStatus, so this comparison can never be true
  if (task.status === 'finished') return 'never';
  const parsed: h.TaskWithTurns = h.parseTaskWithTurns(JSON.stringify(result.data));
  const issues: h.ValidationIssue[] = h.checkTaskConsistency(parsed);
  const id: string = h.validateTaskId(task.id);
  const terminal: boolean = h.isTerminalStatus(task.status);
  return `${id} ${task.completedAt?.length ?? 0} ${terminal} ${issues.length}`;
}

export async function describeOutcome(id: string, signal: AbortSignal): Promise<string> {
  // @ts-expect-error a number is not a task id (never coerced to one)
  void h.fetchTask(42);
  try {
    const res = await h.fetchTaskWithResponse(id, { signal, maxRetries: 0 });
    assertType<Equals<typeof res.data, h.TaskWithTurns>>(true);
    assertType<Equals<typeof res.status, number>>(true);
    assertType<Equals<typeof res.headers, Record<string, string>>>(true);
    assertType<Equals<typeof res.requestId, string | null>>(true);
    assertType<Equals<typeof res.retries, number>>(true);
    const done = await h.waitForTask(id, {
      signal,
      pollIntervalMs: 500,
      maxWaitMs: 60_000,
      onUpdate: (t) => assertType<Equals<typeof t, h.TaskWithTurns>>(true),
    });
    // @ts-expect-error pollIntervalMs is a number of milliseconds
    await h.waitForTask(id, { pollIntervalMs: '500' });
    return `${res.status} ${res.requestId ?? '-'} ${res.retries} ${done.task.status}`;
  } catch (err) {
    // @ts-expect-error `status` is known only after an instanceof check
    void err.status;
    if (err instanceof h.APIResponseValidationError) return err.issues.map((i) => i.path).join(', ');
    if (err instanceof h.APIError) {
      assertType<Equals<typeof err.status, number | undefined>>(true);
      assertType<Equals<typeof err.requestId, string | null>>(true);
      return err instanceof h.NotFoundError ? 'not found' : String(err.status);
    }
    if (err instanceof h.WaitTimeoutError) {
      assertType<Equals<typeof err.lastTask, h.TaskWithTurns | null>>(true);
      return err.lastTask?.task.status ?? 'no snapshot';
    }
    if (err instanceof h.ValidationError) {
      // @ts-expect-error a ValidationError carries no HTTP status
      void err.status;
      return err.issues[0]?.code ?? '';
    }
    throw err;
  }
}
