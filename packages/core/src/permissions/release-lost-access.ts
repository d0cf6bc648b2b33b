import type { Actor } from '../domain/events.js';
import type { Conversation } from '../domain/conversation.js';
import type { Inbox } from '../domain/inbox.js';
import { inboxMemberIds } from '../domain/membership.js';
import type { Team } from '../domain/team.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { lockInboxes } from './directory-lock.js';
import type { ConversationFilter, StorageOperations } from '../storage/storage.js';

const PAGE = 500;

/** Who may see each inbox under a configuration (direct members and team members). */
export function inboxAccess(inboxes: readonly Inbox[], teams: readonly Team[]): Map<string, Set<string>> {
  return new Map(inboxes.map((inbox) => [inbox.id, inboxMemberIds(inbox, teams)]));
}

/**
 * Who may see each inbox now, read inside the transaction after locking every inbox: no
 * assignment can slip in between this snapshot and the commit of the membership change.
 */
export async function accessSnapshot(tx: StorageOperations, workspaceId: string): Promise<Map<string, Set<string>>> {
  // One query at a time: a transaction is one connection.
  await lockInboxes(tx, workspaceId, (await tx.records.list(workspaceId, 'inbox')).items.map((i) => i.id));
  const inboxes = await tx.records.list(workspaceId, 'inbox');
  const teams = await tx.records.list(workspaceId, 'team');
  return inboxAccess(inboxes.items, teams.items);
}

/**
 * Clears `field` (the assignee or the team) of every conversation where it equals `id`, in any
 * status, recording `conversation.assigned` with `by` and `reason`. The routing automation sees
 * a previous assignee in that event and drains the inbox's queue, so open ones are re-routed
 * after the commit. `filter` narrows further (e.g. one inbox). Returns how many changed.
 */
export async function clearAssignments(
  tx: StorageOperations,
  events: EventRecorder,
  workspaceId: string,
  target: { field: 'assigneeId' | 'teamId'; id: string; filter?: ConversationFilter },
  change: { now: number; by: Actor; reason: string },
): Promise<number> {
  const { field, id } = target;
  let count = 0;
  // Each pass rewrites what it listed, so the filter no longer matches it: always read page one.
  for (;;) {
    const page = await tx.conversations.list(workspaceId, { ...target.filter, [field]: id, cursor: null, limit: PAGE });
    if (page.items.length === 0) return count;
    for (const listed of page.items) {
      const current = await tx.conversations.get(workspaceId, listed.id, { lock: true });
      if (!current || current[field] !== id) continue;
      const next: Conversation = { ...current, [field]: null, updatedAt: change.now };
      await tx.conversations.update(next);
      events.record('conversation.assigned', {
        conversationId: current.id,
        inboxId: current.inboxId,
        assigneeId: next.assigneeId,
        teamId: next.teamId,
        previousAssigneeId: current.assigneeId,
        previousTeamId: current.teamId,
        by: change.by,
        reason: change.reason,
      });
      count++;
    }
  }
}

/**
 * After a membership change (inbox members, team members, a team or user deleted), unassigns
 * the conversations of every user who could see an inbox `before` and cannot `after`: an
 * assignee must always be able to see their conversation. Runs in the caller's transaction.
 */
export async function releaseLostAccess(
  tx: StorageOperations,
  events: EventRecorder,
  workspaceId: string,
  before: Map<string, Set<string>>,
  change: { now: number; by: Actor },
): Promise<number> {
  const after = await accessSnapshot(tx, workspaceId);
  let count = 0;
  for (const [inboxId, members] of before) {
    const still = after.get(inboxId);
    if (!still) continue; // a deleted inbox takes its conversations' access rules with it
    for (const userId of members) {
      if (still.has(userId)) continue;
      const target = { field: 'assigneeId' as const, id: userId, filter: { inboxIds: [inboxId] } };
      count += await clearAssignments(tx, events, workspaceId, target, { ...change, reason: 'access-lost' });
    }
  }
  return count;
}
