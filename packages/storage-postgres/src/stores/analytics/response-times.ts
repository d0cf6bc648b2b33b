import type { DurationStats, ResponseTimesGroup, ResponseTimesQuery } from '@inboxkit/core';
import type { StoreContext } from '../context.js';
import { conversationsWhere, num } from './filter.js';
import { NO_PROFILES, earliestStart, workingProfiles, type WorkingProfiles } from './working-profiles.js';

/** The conversation column each grouping reads (waits grouped by agent use their replier). */
const GROUP_COLUMN = { inbox: 'c.inbox_id', team: 'c.team_id', channel: 'c.channel_type', agent: 'c.assignee_id' } as const;

/** Working ms from the profile's span start to `t`, where `i` = width_bucket(t, starts) (core's `WorkingTime.at`). */
const workingAt = (t: string, i: string) => `(CASE WHEN ${i} = 0 THEN 0 ELSE p.before[${i}] + least(${t}, p.ends[${i}]) - p.starts[${i}] END)`;

type Figure = 'first' | 'response' | 'close';
type Row = { key: string | null; since: string | null } & Record<`${Figure}_n` | `${Figure}_sum`, string | null> & Record<`${Figure}_q`, number[] | null>;

function stats(row: Row, figure: Figure): DurationStats {
  const count = num(row[`${figure}_n`] ?? 0);
  const quantiles = row[`${figure}_q`];
  if (count === 0 || !quantiles) return { count: 0, avg: null, median: null, p90: null };
  // The sum is exact (numeric); one division, as core's durationStats does.
  return { count, avg: num(row[`${figure}_sum`]!) / count, median: quantiles[0]!, p90: quantiles[1]! };
}

/** The aggregates of one figure over `durations`. */
const aggregates = (figure: Figure, condition: string) =>
  `count(*) FILTER (WHERE ${condition}) AS ${figure}_n, sum(d) FILTER (WHERE ${condition}) AS ${figure}_sum,
   percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY d) FILTER (WHERE ${condition}) AS ${figure}_q`;

async function run(context: StoreContext, workspaceId: string, query: ResponseTimesQuery, profiles: WorkingProfiles): Promise<Row[]> {
  const { db, t } = context;
  const where = conversationsWhere(workspaceId, query);
  const [from, to, ws] = [where.param(query.from), where.param(query.to), where.param(workspaceId)];
  const groupColumn = GROUP_COLUMN[query.groupBy];
  const profile = `CASE WHEN c.assignee_id = ANY(${where.param(profiles.userIds)}::text[]) THEN 'user:' || c.assignee_id
                        WHEN c.inbox_id = ANY(${where.param(profiles.inboxIds)}::text[]) THEN 'inbox:' || c.inbox_id END`;
  const { rows } = await db.query<Row>(
    `WITH conv AS (
       SELECT c.id, ${groupColumn} AS key, c.created_at, c.closed_at, ${profile} AS profile
       FROM ${t.conversations} c WHERE ${where}
     ),
     profiles AS (
       SELECT * FROM jsonb_to_recordset(${where.param(profiles.json)}::jsonb) AS p (key text, starts bigint[], ends bigint[], before bigint[])
     ),
     figures AS (
       SELECT ${query.groupBy === 'agent' ? 'w.replied_by' : 'c.key'} AS key, w.seq = 1 AS first, false AS close,
              w.started_at AS a, w.ended_at AS b, c.profile
       FROM ${t.analyticsWaits} w JOIN conv c ON c.id = w.conversation_id
       WHERE w.workspace_id = ${ws} AND w.ended_at >= ${from} AND w.ended_at < ${to}
       UNION ALL
       SELECT c.key, false, true, c.created_at, c.closed_at, c.profile
       FROM conv c WHERE c.closed_at >= ${from} AND c.closed_at < ${to}
     ),
     -- Materialized so the sorts below carry durations, not every row's copy of its profile's arrays.
     durations AS MATERIALIZED (
       SELECT f.key, f.first, f.close, f.a,
              CASE WHEN p.key IS NULL THEN f.b - f.a ELSE ${workingAt('f.b', 'i.b')} - ${workingAt('f.a', 'i.a')} END AS d
       FROM figures f
       LEFT JOIN profiles p ON p.key = f.profile
       CROSS JOIN LATERAL (SELECT width_bucket(f.a, p.starts) AS a, width_bucket(f.b, p.starts) AS b) i
     )
     SELECT key, min(a) AS since, ${aggregates('first', 'first')}, ${aggregates('response', 'NOT close')}, ${aggregates('close', 'close')}
     FROM durations GROUP BY key ORDER BY key COLLATE "C" NULLS LAST`,
    where.params,
  );
  return rows;
}

/**
 * `responseTimes` in one statement over `analytics_waits` (the waits the triggers keep) and the
 * conversations: durations, then count, exact sum and `percentile_cont` per group. With business
 * hours, working time is first expanded in Node from the earliest start in the window (a cheap
 * bound read off two indexes) and looked up in SQL; should a concurrent write have added an
 * earlier start since, the statement runs again from it.
 */
export async function responseTimes(context: StoreContext, workspaceId: string, query: ResponseTimesQuery): Promise<ResponseTimesGroup[]> {
  const { businessHours } = query;
  let rows: Row[];
  if (!businessHours) {
    rows = await run(context, workspaceId, query, NO_PROFILES);
  } else {
    let since = (await earliestStart(context, workspaceId, query)) ?? query.from;
    for (;;) {
      rows = await run(context, workspaceId, query, workingProfiles(businessHours, since, query.to));
      const earliest = Math.min(...rows.map((row) => num(row.since ?? since)));
      if (earliest >= since) break;
      since = earliest;
    }
  }
  return rows.map((row) => ({ key: row.key, firstResponse: stats(row, 'first'), response: stats(row, 'response'), timeToClose: stats(row, 'close') }));
}
