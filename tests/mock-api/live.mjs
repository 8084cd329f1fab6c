// A task that moves on a clock instead of per request, for the demo's "Watch until done":
//
//   elapsed / durationMs   [0, 0.2)      pending, no turns
//                          [0.2, 0.6)    running, turn 0 running
//                          [0.6, 1)      running, turn 0 completed, turn 1 running
//                          >= 1          completed, both turns completed
//
// Every snapshot is valid and consistent per DESIGN.md (completedAt only when terminal,
// totals.turnCount = turns.length, turn.taskId = task.id), so the demo shows the library
// working, not tripping over a broken mock.

export const LIVE_TASK_ID = 'tsk_live-demo';

// Worker and organisation come from the seed fixture when it is there, so the live task
// looks like it belongs to the same account as the others.
const SEED_ID = 'tsk_2Z-YWz3hFq6VlW';

const iso = (ms) => new Date(ms).toISOString();

const FORECAST = [
  'Afternoon in Barcelona: sunny spells with a light south-easterly breeze.',
  'Temperatures peak around 23 °C at 15:00 and fall to 19 °C by 21:00.',
  'No rain expected; UV index high between 12:00 and 16:00, so sunscreen is a good idea.',
  'Sea temperature 20 °C; waves under half a metre along Barceloneta beach.',
  'Tomorrow: cloud builds from the north in the morning, with a 30 % chance of a shower after 17:00.',
].join('\n\n');

/**
 * The JSON text of `tsk_live-demo` as it looks `nowMs - startedAtMs` ms into a run that
 * completes after `durationMs`. Pure: the caller owns the clock.
 */
export function liveTaskBody(fixtures, startedAtMs, nowMs, durationMs = 10000) {
  const seed = fixtures?.get?.(SEED_ID) ? JSON.parse(fixtures.get(SEED_ID).text).task : {};
  const workerId = seed.workerId ?? 'wrk_vk81XUHKHG-qr4';
  const organizationId = seed.organizationId ?? 'org_8s1Df9aLp-1z';
  // Whole ms everywhere, so every duration is an integer as the wire model requires.
  const start = Math.round(startedAtMs);
  const elapsed = Math.max(0, Math.round(nowMs) - start);
  const at = (fraction) => start + Math.round(durationMs * fraction);
  const reached = (fraction) => start + elapsed >= at(fraction);
  const done = reached(1);
  const end = Math.min(start + elapsed, at(1)); // "now", frozen once completed

  // A turn that started at `from` and, when `to` is given, finished then.
  const turn = (seq, from, to, fields) => ({
    id: `trn_live-${seq}`,
    completedAt: to === null ? null : iso(to),
    credits: 0,
    durationMs: (to ?? end) - from,
    input: '',
    inputTokens: 0,
    outputText: '',
    outputTokens: 0,
    role: 'user',
    seq,
    startedAt: iso(from),
    status: to === null ? 'running' : 'completed',
    structuredOutput: null,
    taskId: LIVE_TASK_ID,
    ...fields,
  });

  const turns = [];
  if (reached(0.2)) {
    const finished = reached(0.6);
    turns.push(
      turn(0, at(0.2), finished ? at(0.6) : null, {
        input: "What's the weather in Barcelona this afternoon?",
        inputTokens: 1210,
        ...(finished && {
          credits: 12.5,
          outputText: 'Sunny, 21–23 °C, light breeze from the south-east.',
          outputTokens: 96,
        }),
      }),
    );
  }
  if (reached(0.6)) {
    turns.push(
      turn(1, at(0.6), done ? at(1) : null, {
        input: 'Write it up as a short forecast, with tomorrow too.',
        inputTokens: 1388,
        ...(done && {
          credits: 18.75,
          outputText: FORECAST,
          outputTokens: 254,
          structuredOutput: {
            city: 'Barcelona',
            hourly: [
              { hour: '15:00', tempC: 23, sky: 'sunny' },
              { hour: '18:00', tempC: 21, sky: 'sunny' },
              { hour: '21:00', tempC: 19, sky: 'clear' },
            ],
            tomorrow: { rainChance: 0.3, note: null },
          },
        }),
      }),
    );
  }

  const task = {
    id: LIVE_TASK_ID,
    completedAt: done ? iso(at(1)) : null,
    createdAt: iso(start),
    createdByUserId: null,
    organizationId,
    status: done ? 'completed' : turns.length ? 'running' : 'pending',
    title: 'Live demo: afternoon forecast for Barcelona',
    totals: {
      credits: turns.reduce((sum, t) => sum + t.credits, 0),
      durationMs: end - start,
      turnCount: turns.length,
    },
    triggeredBy: 'api',
    url: `https://v3.handinger.com/worker/${workerId}/task/${LIVE_TASK_ID}`,
    workerId,
  };
  return JSON.stringify({ task, turns }, null, 2);
}

/**
 * The clock around `liveTaskBody`: it starts at the first request and restarts on the
 * request after a completed snapshot was served, so the demo can be watched again.
 */
export function createLiveTask(fixtures, { durationMs = 10000, now = Date.now } = {}) {
  let startedAt = null;
  let finished = false;
  return {
    id: LIVE_TASK_ID,
    body() {
      const t = now();
      if (startedAt === null || finished) startedAt = t;
      finished = t >= startedAt + Math.round(durationMs); // the same test as `done` above
      return liveTaskBody(fixtures, startedAt, t, durationMs);
    },
  };
}
