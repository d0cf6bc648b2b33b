import type { Conversation, DurationStats } from '@inboxkit/core';
import { expect } from 'vitest';
import { H, type AnalyticsWorld } from './analytics-world.js';

/** The office scenario's Monday, 2026-01-05T00:00Z: every time below is `T ± hours`. */
export const T = Date.UTC(2026, 0, 5);

/** The office's team. */
export const TEAM = 'team_t1';

/**
 * A small support office whose figures are worked out by hand in the suites. Users `ana`,
 * `ben` and `cy` answer in two inboxes (the world's email inbox `a`, a chat inbox `b`):
 *
 * - c1 (a, email, team, assigned ana, closed T+4h): in T, ana T+1h, in T+2h, ana T+3h, ben T+3.5h
 *   → waits 1h (first, ana) and 1h (ana); ben's reply follows a reply and ends nothing.
 * - c2 (a, email, assigned ben, open): in T, ben T+0.5h, bot T+0.6h, cy's comment T+0.7h, ben T+5h
 *   → one wait, 0.5h (first, ben); the bot and the comment count nowhere.
 * - c3 (b, chat, team, unassigned, closed T+30h): in T+1h, ana T+26h → one wait, 25h overnight.
 * - c4 (a, spam, closed T+2h): in T, cy T+1h → spam: never counted.
 * - c5 (b, chat, created T−10h): ana T−10h, system T−9h, in T+40h → started by an agent: the
 *   reply before any incoming message ends nothing, and the contact's message waits unanswered.
 */
export async function seedOffice(world: AnalyticsWorld): Promise<{ a: string; b: string; c: Record<1 | 2 | 3 | 4 | 5, Conversation> }> {
  const b = await world.addInbox('Chat');
  const c1 = await world.scenario({ teamId: TEAM, assigneeId: 'user_ana', status: 'closed', closedAt: T + 4 * H }, [
    ['in', T], ['user:user_ana', T + H], ['in', T + 2 * H], ['user:user_ana', T + 3 * H], ['user:user_ben', T + 3.5 * H],
  ]);
  const c2 = await world.scenario({ assigneeId: 'user_ben' }, [
    ['in', T], ['user:user_ben', T + 0.5 * H], ['bot', T + 0.6 * H], ['note:user_cy', T + 0.7 * H], ['user:user_ben', T + 5 * H],
  ]);
  const c3 = await world.scenario({ inbox: b, channelType: 'chat', teamId: TEAM, status: 'closed', closedAt: T + 30 * H }, [
    ['in', T + H], ['user:user_ana', T + 26 * H],
  ]);
  const c4 = await world.scenario({ spam: true, status: 'closed', closedAt: T + 2 * H }, [['in', T], ['user:user_cy', T + H]]);
  const c5 = await world.scenario({ inbox: b, channelType: 'chat' }, [['user:user_ana', T - 10 * H], ['system', T - 9 * H], ['in', T + 40 * H]]);
  return { a: world.inbox.id, b: b.id, c: { 1: c1, 2: c2, 3: c3, 4: c4, 5: c5 } };
}

/** The expected figures of durations written in hours (`[]` = none), as a matcher tolerant of float rounding. */
export function stats(count: number, avg?: number, median?: number, p90?: number): DurationStats {
  if (count === 0) return { count: 0, avg: null, median: null, p90: null };
  const near = (hours: number) => expect.closeTo(hours * H, 3) as unknown as number;
  return { count, avg: near(avg!), median: near(median!), p90: near(p90!) };
}
