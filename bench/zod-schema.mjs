// The comparison point: a zod 4 schema holding the same rules as our validator (RFC 3339
// date-times with offsets, http(s) URL, non-negative safe integers, finite credits,
// nullable fields, unknown keys kept).
export function zodTaskWithTurns(z) {
  const count = z.int().nonnegative();
  const credits = z.number().nonnegative();
  const datetime = z.iso.datetime({ offset: true });
  const totals = z.looseObject({ credits, durationMs: count, turnCount: count });
  const task = z.looseObject({
    id: z.string(),
    completedAt: datetime.nullable().optional(),
    createdAt: datetime,
    createdByUserId: z.string().nullable().optional(),
    organizationId: z.string(),
    status: z.enum(['pending', 'running', 'completed', 'error', 'aborted']),
    title: z.string(),
    totals,
    triggeredBy: z.enum(['api', 'email', 'schedule', 'ui']),
    url: z.url({ protocol: /^https?$/ }),
    workerId: z.string(),
  });
  const turn = z.looseObject({
    id: z.string(),
    completedAt: datetime.nullable().optional(),
    credits,
    durationMs: count,
    input: z.string(),
    inputTokens: count,
    outputText: z.string(),
    outputTokens: count,
    role: z.string(),
    seq: count,
    startedAt: datetime,
    status: z.string(),
    structuredOutput: z.record(z.string(), z.unknown()).nullable().optional(),
    taskId: z.string(),
  });
  return z.looseObject({ task, turns: z.array(turn) });
}
