import { WorkingTime, type BusinessHours, type ResponseTimesQuery } from '@inboxkit/core';
import type { StoreContext } from '../context.js';

/**
 * Working hours as the SQL of `responseTimes` reads them: per profile (`user:<id>` or
 * `inbox:<id>`, see `hoursProfileOf`) the running-total arrays of core's `WorkingTime`, sent as
 * one jsonb parameter. Local time, DST and holidays are resolved here once, by the same code
 * the memory store runs; SQL only looks instants up in the arrays (`width_bucket`).
 */
export interface WorkingProfiles {
  /** `[{ key, starts, ends, before }]` as JSON. */
  json: string;
  /** Users whose hours count (a conversation assigned to one uses them). */
  userIds: string[];
  /** Inboxes with hours (used when the assignee has none). */
  inboxIds: string[];
}

/** No working hours: every figure is wall-clock time. */
export const NO_PROFILES: WorkingProfiles = { json: '[]', userIds: [], inboxIds: [] };

/** The profiles of `hours`, expanded over `[since, to)`. */
export function workingProfiles(hours: BusinessHours, since: number, to: number): WorkingProfiles {
  const profiles = [
    ...Object.entries(hours.users).map(([id, h]) => ({ key: `user:${id}`, time: WorkingTime.of(h, since, to) })),
    ...Object.entries(hours.inboxes).map(([id, h]) => ({ key: `inbox:${id}`, time: WorkingTime.of(h, since, to) })),
  ];
  const json = profiles.map(({ key, time: { starts, ends, before } }) =>
    // No working time in the span: one empty interval at 0, so width_bucket has a threshold and every lookup gives 0.
    starts.length === 0 ? { key, starts: [0], ends: [0], before: [0] } : { key, starts, ends, before },
  );
  return { json: JSON.stringify(json), userIds: Object.keys(hours.users), inboxIds: Object.keys(hours.inboxes) };
}

/**
 * The earliest start of any figure `responseTimes` may count (waits that ended in the window,
 * conversations closed in it), ignoring the other filters: a cheap lower bound, read off two
 * indexes, of where working time must be known from. `null` when nothing ended in the window.
 */
export async function earliestStart({ db, t }: StoreContext, workspaceId: string, query: ResponseTimesQuery): Promise<number | null> {
  const { rows } = await db.query<{ since: string | null }>(
    `SELECT least(
       (SELECT min(started_at) FROM ${t.analyticsWaits} WHERE workspace_id = $1 AND ended_at >= $2 AND ended_at < $3),
       (SELECT min(created_at) FROM ${t.conversations} WHERE workspace_id = $1 AND closed_at >= $2 AND closed_at < $3)
     ) AS since`,
    [workspaceId, query.from, query.to],
  );
  const since = rows[0]?.since;
  return since === null || since === undefined ? null : Number(since);
}
