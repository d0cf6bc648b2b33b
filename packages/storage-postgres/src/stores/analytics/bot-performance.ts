import type { BotPerformance, BotPerformanceQuery, BotStepFunnel } from '@inboxkit/core';
import type { StoreContext } from '../context.js';
import { Where } from '../where.js';
import { num } from './filter.js';

interface Row {
  chatflow_id: string;
  sessions: string;
  completed: string;
  handed_off: string;
  abandoned: string;
  waiting: string;
  d_n: string;
  d_sum: string | null;
  d_q: number[] | null;
  steps: Array<{ stepId: string; reached: number; droppedOff: number }>;
}

/**
 * Bot performance in one statement: the window's sessions (an index-only range of
 * `bot_sessions_started_idx`), their outcomes and durations per chatflow, and per step the
 * distinct sessions whose transitions entered it (primary-key probes per session).
 */
export async function botPerformance({ db, t }: StoreContext, workspaceId: string, query: BotPerformanceQuery): Promise<BotPerformance[]> {
  const where = new Where();
  const ws = where.param(workspaceId);
  where
    .and(`s.workspace_id = ${ws}`)
    .and(`s.started_at >= ${where.param(query.from)}`)
    .and(`s.started_at < ${where.param(query.to)}`)
    .equals('s.chatflow_id', query.chatflowId)
    .oneOf('s.inbox_id', query.inboxIds);
  const before = where.param(query.abandonedBefore);
  const ended = `status <> 'waiting' AND ended_at IS NOT NULL`;
  const abandoned = `status = 'waiting' AND last_activity_at <= ${before}`;
  const { rows } = await db.query<Row>(
    `WITH s AS (
       SELECT s.id, s.chatflow_id, s.status, s.started_at, s.ended_at, s.last_activity_at, s.state ->> 'stepId' AS step
       FROM ${t.botSessions} s WHERE ${where}
     ),
     totals AS (
       SELECT chatflow_id, count(*) AS sessions,
              count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) FILTER (WHERE status = 'handed-off') AS handed_off,
              count(*) FILTER (WHERE ${abandoned}) AS abandoned,
              count(*) FILTER (WHERE status = 'waiting' AND last_activity_at > ${before}) AS waiting,
              count(*) FILTER (WHERE ${ended}) AS d_n,
              sum(ended_at - started_at) FILTER (WHERE ${ended}) AS d_sum,
              percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ended_at - started_at) FILTER (WHERE ${ended}) AS d_q
       FROM s GROUP BY chatflow_id
     ),
     reached AS (
       SELECT s.chatflow_id, r.to_step AS step_id, count(DISTINCT s.id) AS reached
       FROM s JOIN ${t.botTransitions} r ON r.workspace_id = ${ws} AND r.session_id = s.id AND r.to_step IS NOT NULL
       GROUP BY s.chatflow_id, r.to_step
     ),
     dropped AS (
       SELECT chatflow_id, step AS step_id, count(*) AS dropped FROM s WHERE ${abandoned} AND step IS NOT NULL GROUP BY chatflow_id, step
     )
     SELECT tt.*,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('stepId', r.step_id, 'reached', r.reached, 'droppedOff', coalesce(d.dropped, 0))
                                       ORDER BY r.step_id), '[]'::jsonb)
             FROM reached r LEFT JOIN dropped d ON d.chatflow_id = r.chatflow_id AND d.step_id = r.step_id
             WHERE r.chatflow_id = tt.chatflow_id) AS steps
     FROM totals tt ORDER BY tt.chatflow_id`,
    where.params,
  );
  return rows.map((row) => {
    const count = num(row.d_n);
    return {
      chatflowId: row.chatflow_id,
      sessions: num(row.sessions),
      completed: num(row.completed),
      handedOff: num(row.handed_off),
      abandoned: num(row.abandoned),
      waiting: num(row.waiting),
      // The sum is exact (numeric); one division, as core's durationStats does.
      duration:
        count === 0 || !row.d_q
          ? { count: 0, avg: null, median: null, p90: null }
          : { count, avg: num(row.d_sum!) / count, median: row.d_q[0]!, p90: row.d_q[1]! },
      steps: row.steps.map((s): BotStepFunnel => ({ stepId: s.stepId, reached: num(s.reached), droppedOff: num(s.droppedOff) })),
    };
  });
}
