import { moveInput, type Conversation, type MoveInput } from '../domain/conversation.js';
import { inboxMemberIds } from '../domain/membership.js';
import { ConflictError } from '../errors/conflict-error.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { lockInboxes } from '../permissions/directory-lock.js';
import { InboxRouter } from '../routing/inbox-router.js';
import { conversationRule, recordRouting } from '../routing/route-conversation.js';
import { actorOf } from './status.js';

/**
 * Moves a conversation to another inbox of the workspace, in one transaction:
 * - The caller must see both inboxes (agents: be a member of both; admins and the host see
 *   all). An unknown or invisible conversation or target inbox is `NOT_FOUND`, so another
 *   workspace's inbox id is `NOT_FOUND` too.
 * - The conversation keeps its channel, so replies still go out through it, and its status,
 *   team and spam flag. The old inbox's members lose access with the move.
 * - The assignee stays when they can see the new inbox; otherwise they are cleared, and then
 *   (as for an unassigned conversation that is not spam) the new inbox's routing may assign
 *   it: the rule `conversationRule` picks, that of the new inbox's channel of the same type.
 *   Nobody eligible, or no such rule: it waits unassigned in the new inbox for people to pick
 *   (it is in no rule's queue, since its channel's rule routes the old inbox).
 * - Records exactly one `conversation.moved`, plus one `conversation.assigned` when the
 *   assignee or team changed (and `routing.unassigned` when routing found nobody).
 * Moving to the inbox it is in returns it unchanged, with no event.
 */
export async function move(scope: Scope, conversationId: string, input: MoveInput): Promise<Conversation> {
  const { inboxId: toInboxId, by } = parseInput(moveInput, input, 'move');
  const { workspaceId, runtime } = scope;
  return scope.mutate(async (tx, events) => {
    const actor = actorOf(await scope.access.by(by, 'move', tx));
    const unlocked = requireFound(await tx.conversations.get(workspaceId, conversationId), 'conversation', conversationId);
    await scope.access.requireInbox(unlocked.inboxId, 'conversation', conversationId, tx);
    requireFound(await tx.records.get(workspaceId, 'inbox', toInboxId), 'inbox', toInboxId);
    await scope.access.requireInbox(toInboxId, 'inbox', toInboxId, tx);
    if (unlocked.inboxId === toInboxId) return unlocked;
    // Both inboxes' routing locks before the conversation's, the order routing and assignment
    // use: nobody can assign it in either inbox, or change who sees them, until this commits.
    await lockInboxes(tx, workspaceId, [unlocked.inboxId, toInboxId]);
    const current = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    if (current.inboxId !== unlocked.inboxId) throw new ConflictError(`conversation "${conversationId}" moved to another inbox meanwhile; try again`);

    const now = runtime.clock.now();
    const moved: Conversation = { ...current, inboxId: toInboxId, updatedAt: now };
    events.record('conversation.moved', { conversationId, fromInboxId: current.inboxId, toInboxId, by: actor });
    // Read under the locks: membership changes take them too, so who sees the inbox is settled.
    const target = requireFound(await tx.records.get(workspaceId, 'inbox', toInboxId), 'inbox', toInboxId);
    const teams = await tx.records.list(workspaceId, 'team');
    if (current.assigneeId !== null && inboxMemberIds(target, teams.items).has(current.assigneeId)) {
      await tx.conversations.update(moved);
      return moved;
    }
    let next: Conversation = { ...moved, assigneeId: null };
    const rule = next.spam ? null : await conversationRule(tx, next);
    if (rule) {
      const router = (await InboxRouter.open(tx, workspaceId, toInboxId, now))!;
      const contact = await tx.contacts.get(workspaceId, current.contactId);
      const outcome = await router.route(next, contact, rule);
      await router.save();
      // Compared with the conversation before the move: one event for the whole change of hands.
      recordRouting(events, moved, outcome, rule, 'move');
      next = outcome.conversation;
    } else if (current.assigneeId !== null) {
      events.record('conversation.assigned', {
        conversationId,
        inboxId: toInboxId,
        assigneeId: null,
        teamId: next.teamId,
        previousAssigneeId: current.assigneeId,
        previousTeamId: current.teamId,
        by: actor,
        reason: 'move:access-lost',
      });
    }
    await tx.conversations.update(next);
    return next;
  });
}
