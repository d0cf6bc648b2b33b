import { assignInput, type AssignInput, type Conversation } from '../domain/conversation.js';
import { inboxMemberIds } from '../domain/membership.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { ConflictError } from '../errors/conflict-error.js';
import { lockInboxes } from '../permissions/directory-lock.js';
import { actorOf } from './status.js';

/**
 * Assigns a conversation to a user and/or team (`null` clears, omitted keeps). The user must
 * be able to see the inbox. Records `conversation.assigned` with the acting user.
 */
export async function assign(scope: Scope, conversationId: string, input: AssignInput): Promise<Conversation> {
  const { workspaceId, runtime } = scope;
  const parsed = parseInput(assignInput, input, 'assignment');
  return scope.mutate(async (tx, events) => {
    const by = await scope.access.by(parsed.by, 'assignment', tx);
    // Inbox lock before the conversation lock, the order routing uses: a membership change or a
    // user deletion in flight cannot validate against members it is about to remove.
    const unlocked = requireFound(await tx.conversations.get(workspaceId, conversationId), 'conversation', conversationId);
    await lockInboxes(tx, workspaceId, [unlocked.inboxId]);
    const current = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    if (current.inboxId !== unlocked.inboxId) throw new ConflictError(`conversation "${conversationId}" moved to another inbox meanwhile; try again`);
    await scope.access.requireInbox(current.inboxId, 'conversation', conversationId, tx);
    const assigneeId = parsed.userId === undefined ? current.assigneeId : parsed.userId;
    const teamId = parsed.teamId === undefined ? current.teamId : parsed.teamId;
    if (assigneeId) {
      const [inbox, teams] = await Promise.all([tx.records.get(workspaceId, 'inbox', current.inboxId), tx.records.list(workspaceId, 'team')]);
      if (!(await tx.records.get(workspaceId, 'user', assigneeId))) {
        throw new ValidationError('assignment', [{ path: 'userId', message: `unknown user "${assigneeId}"` }]);
      }
      if (!inboxMemberIds(inbox!, teams.items).has(assigneeId)) {
        throw new ValidationError('assignment', [{ path: 'userId', message: `user "${assigneeId}" is not a member of the inbox` }]);
      }
    }
    if (teamId && !(await tx.records.get(workspaceId, 'team', teamId))) {
      throw new ValidationError('assignment', [{ path: 'teamId', message: `unknown team "${teamId}"` }]);
    }
    if (assigneeId === current.assigneeId && teamId === current.teamId) return current;
    const next: Conversation = { ...current, assigneeId, teamId, updatedAt: runtime.clock.now() };
    await tx.conversations.update(next);
    events.record('conversation.assigned', {
      conversationId,
      inboxId: current.inboxId,
      assigneeId,
      teamId,
      previousAssigneeId: current.assigneeId,
      previousTeamId: current.teamId,
      by: actorOf(by),
    });
    return next;
  });
}
