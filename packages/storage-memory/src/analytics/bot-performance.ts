import { compareStrings } from '../indexes/compare.js';
import { durationStats, type BotPerformance, type BotPerformanceQuery } from '@inboxkit/core';
import type { AnalyticsTables } from './tables.js';

/** Counts of one chatflow while scanning. */
interface Tally {
  sessions: number;
  completed: number;
  handedOff: number;
  abandoned: number;
  waiting: number;
  durations: number[];
  reached: Map<string, number>;
  droppedOff: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Bot performance from the bot table: a scan of the workspace's sessions (few next to
 * messages), the window's cohort tallied per chatflow, each session's transitions walked once.
 */
export function botPerformance(tables: AnalyticsTables, workspaceId: string, query: BotPerformanceQuery): BotPerformance[] {
  const inboxes = query.inboxIds ? new Set(query.inboxIds) : null;
  const tallies = new Map<string, Tally>();
  for (const { session, transitions } of tables.bots.entries(workspaceId)) {
    if (session.startedAt < query.from || session.startedAt >= query.to) continue;
    if (query.chatflowId !== undefined && session.chatflowId !== query.chatflowId) continue;
    if (inboxes && !inboxes.has(session.inboxId)) continue;
    let tally = tallies.get(session.chatflowId);
    if (!tally) {
      tally = { sessions: 0, completed: 0, handedOff: 0, abandoned: 0, waiting: 0, durations: [], reached: new Map(), droppedOff: new Map() };
      tallies.set(session.chatflowId, tally);
    }
    tally.sessions++;
    if (session.status === 'completed') tally.completed++;
    else if (session.status === 'handed-off') tally.handedOff++;
    else if (session.lastActivityAt <= query.abandonedBefore) {
      tally.abandoned++;
      if (session.state.stepId !== null) bump(tally.droppedOff, session.state.stepId);
    } else tally.waiting++;
    if (session.status !== 'waiting' && session.endedAt !== null) tally.durations.push(session.endedAt - session.startedAt);
    for (const step of new Set(transitions.map((t) => t.to).filter((to): to is string => to !== null))) bump(tally.reached, step);
  }
  return [...tallies.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([chatflowId, { durations, reached, droppedOff, ...counts }]) => ({
      chatflowId,
      ...counts,
      duration: durationStats(durations),
      steps: [...reached.keys()].sort(compareStrings).map((stepId) => ({ stepId, reached: reached.get(stepId)!, droppedOff: droppedOff.get(stepId) ?? 0 })),
    }));
}
