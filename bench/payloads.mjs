// Deterministic, valid TaskWithTurns payloads of a chosen size, shaped like real ones:
// turns with prose input/output and a structuredOutput object.

const WORDS = 'the quick brown fox jumps over a lazy dog while Handinger agents book hotels in Lyon and summarise decks for Barcelona'.split(' ');

function prose(seed, words) {
  let out = '';
  for (let i = 0; i < words; i++) out += (i ? ' ' : '') + WORDS[(seed * 31 + i * 7) % WORDS.length];
  return out;
}

function turn(i, taskId, words = 160) {
  return {
    id: `trn_${i}`,
    completedAt: '2026-06-01T08:00:21.000Z',
    credits: 1.25,
    durationMs: 2000 + i,
    input: prose(i, Math.ceil(words / 3)),
    inputTokens: 1000 + i,
    outputText: prose(i + 1, words),
    outputTokens: 200 + i,
    role: i % 2 ? 'assistant' : 'user',
    seq: i,
    startedAt: '2026-06-01T08:00:01.000Z',
    status: 'completed',
    structuredOutput: i % 3 ? null : { hotels: [{ name: `Hôtel ${i}`, priceEur: 129.5, stars: 3 }], currency: 'EUR', ok: true },
    taskId,
  };
}

/** A valid payload whose JSON text is close to `bytes` long (at least one turn). */
export function payload(bytes, taskId = 'tsk_bench') {
  // Estimate the turn count from the first 30 turns, then correct it once from a full build.
  const sample = JSON.stringify(Array.from({ length: 30 }, (_, i) => turn(i, taskId))).length / 30;
  const n0 = Math.max(1, Math.round((bytes - 600) / sample));
  if (n0 < 30) return build(taskId, n0, 160);
  const n = Math.round((n0 * (bytes - 600)) / (build(taskId, n0, 160).length - 600));
  return build(taskId, n, 160);
}

/** A valid payload with exactly `n` short turns (the scale test: 100 000 turns). */
export function manyTurns(n, taskId = 'tsk_bench_turns') {
  return build(taskId, n, 4);
}

function build(taskId, n, words) {
  const task = {
    id: taskId,
    completedAt: '2026-06-01T09:00:00.000Z',
    createdAt: '2026-06-01T08:00:00.000Z',
    createdByUserId: 'usr_1',
    organizationId: 'org_1',
    status: 'completed',
    title: 'Benchmark task',
    totals: { credits: 0, durationMs: 0, turnCount: 0 },
    triggeredBy: 'api',
    url: `https://v3.handinger.com/worker/wrk_1/task/${taskId}`,
    workerId: 'wrk_1',
  };
  const turns = [];
  for (let i = 0; i < n; i++) turns.push(turn(i, taskId, words));
  task.totals = { credits: n * 1.25, durationMs: n * 2000, turnCount: n };
  return JSON.stringify({ task, turns });
}

export const SIZES = [
  ['2 KB', 2_000],
  ['37 KB', 37_000],
  ['370 KB', 370_000],
  ['3.6 MB', 3_600_000],
  ['36 MB', 36_000_000],
];
