import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import type { Conversation } from '../domain/conversation.js';
import type { FollowReason } from '../domain/events.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { parseInput } from '../errors/parse.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import { Scope } from '../kit/scope.js';
import type { FollowerStore } from '../storage/follower-store.js';
import type { StorageOperations } from '../storage/storage.js';
import { actorOf } from './status.js';

/** Input of `conversations.follow` / `unfollow`: who (default: the acting user; the host must say). */
export const followInput = z.strictObject({ userId: idSchema.optional() }).default({});
/** Input of `conversations.follow` and `unfollow`. */
export type FollowInput = z.input<typeof followInput>;

function requireFollowers(scope: Scope, ops: StorageOperations): FollowerStore {
  if (!scope.runtime.storage.capabilities.followers || !ops.followers) {
    throw new UnsupportedError(`storage "${scope.runtime.storage.name}" has no followers (capability "followers")`);
  }
  return ops.followers;
}

/** Whether `userId` may see `inboxId` (member directly or by team, or admin). */
async function canSee(scope: Scope, tx: StorageOperations, userId: string, inboxId: string): Promise<boolean> {
  const visible = await new Scope(scope.runtime, scope.workspaceId, userId).access.visibleInboxIds(tx);
  return visible === null || visible.includes(inboxId);
}

/**
 * Adds or removes a follower. Agents (un)follow for themselves; admins and the host for anyone
 * who can see the inbox (`VALIDATION` naming `userId` otherwise). Records
 * `conversation.followed` / `unfollowed` only when something changed. Returns the followers.
 */
export async function setFollowing(scope: Scope, conversationId: string, input: FollowInput | undefined, follow: boolean): Promise<string[]> {
  const context = follow ? 'follow' : 'unfollow';
  const { userId: passed } = parseInput(followInput, input, context);
  const { workspaceId } = scope;
  return scope.mutate(async (tx, events) => {
    const followers = requireFollowers(scope, tx);
    const actor = await scope.access.actor(tx);
    const userId = passed ?? actor?.id;
    if (!userId) throw new ValidationError(context, [{ path: 'userId', message: 'required when not acting as a user' }]);
    if (actor && actor.role !== 'admin' && userId !== actor.id) throw new ForbiddenError('agents follow and unfollow for themselves only');
    const conversation = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    await scope.access.requireInbox(conversation.inboxId, 'conversation', conversationId, tx);
    if (!(await tx.records.get(workspaceId, 'user', userId))) {
      throw new ValidationError(context, [{ path: 'userId', message: `unknown user "${userId}"` }]);
    }
    if (follow) {
      if (!(await canSee(scope, tx, userId, conversation.inboxId))) {
        throw new ValidationError(context, [{ path: 'userId', message: `user "${userId}" cannot see this inbox` }]);
      }
      await addFollower(followers, events, conversation, userId, 'manual', actor?.id ?? null);
    } else if (await followers.remove(workspaceId, conversationId, userId)) {
      events.record('conversation.unfollowed', { conversationId, inboxId: conversation.inboxId, userId, by: actorOf(actor?.id ?? null) });
    }
    return followers.list(workspaceId, conversationId);
  });
}

async function addFollower(
  followers: FollowerStore,
  events: EventRecorder,
  conversation: Conversation,
  userId: string,
  reason: FollowReason,
  by: string | null,
): Promise<void> {
  if (!(await followers.add(conversation.workspaceId, conversation.id, userId))) return;
  events.record('conversation.followed', { conversationId: conversation.id, inboxId: conversation.inboxId, userId, reason, by: actorOf(by) });
}

/**
 * Auto-follow, in the transaction of the reply or comment that causes it: the author follows
 * a conversation they replied to or commented on, and mentioned users follow it (like Front's
 * "participants"). Assignment does not: the assignee is notified as assignee already, and
 * stops being notified when reassigned. Does nothing on a store without followers.
 */
export async function autoFollow(
  tx: StorageOperations,
  scope: Scope,
  events: EventRecorder,
  conversation: Conversation,
  follows: ReadonlyArray<{ userId: string; reason: FollowReason }>,
  by: string,
): Promise<void> {
  if (!scope.runtime.storage.capabilities.followers || !tx.followers) return;
  for (const { userId, reason } of follows) await addFollower(tx.followers, events, conversation, userId, reason, by);
}

/** The followers of a conversation the caller can see, ordered by user id. */
export async function listFollowers(scope: Scope, conversationId: string): Promise<string[]> {
  const followers = requireFollowers(scope, scope.storage);
  const conversation = requireFound(await scope.storage.conversations.get(scope.workspaceId, conversationId), 'conversation', conversationId);
  await scope.access.requireInbox(conversation.inboxId, 'conversation', conversationId);
  return followers.list(scope.workspaceId, conversationId);
}
