import { byInput, type ByInput, type Conversation } from '../domain/conversation.js';
import type { Actor } from '../domain/events.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { ConflictError } from '../errors/conflict-error.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { lockInboxes } from '../permissions/directory-lock.js';
import { routeConversation } from '../routing/route-conversation.js';
import type { StorageOperations } from '../storage/storage.js';
import { actorOf } from './status.js';

/** What a spam change works with, inside its transaction. */
interface SpamChange {
  tx: StorageOperations;
  events: EventRecorder;
  actor: Actor;
  now: number;
}

/**
 * Runs one spam change of a conversation the actor can see: parses `{ by }`, checks visibility
 * (`NOT_FOUND`), locks the inbox and the row (`CONFLICT` if it moved meanwhile), and lets `change` return the conversation to store, or the
 * very one it was given for no change.
 */
async function changeSpam(
  scope: Scope,
  conversationId: string,
  input: ByInput | undefined,
  context: string,
  change: (current: Conversation, ctx: SpamChange) => Promise<Conversation>,
): Promise<Conversation> {
  const { by } = parseInput(byInput, input, context);
  const { workspaceId, runtime } = scope;
  return scope.mutate(async (tx, events) => {
    const actor = actorOf(await scope.access.by(by, context, tx));
    // The inbox's routing lock before the row lock, the order routing, assignment and moves
    // take them: releasing routes, and either change moves the assignee's open count.
    const unlocked = requireFound(await tx.conversations.get(workspaceId, conversationId), 'conversation', conversationId);
    await scope.access.requireInbox(unlocked.inboxId, 'conversation', conversationId, tx);
    await lockInboxes(tx, workspaceId, [unlocked.inboxId]);
    const current = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    if (current.inboxId !== unlocked.inboxId) throw new ConflictError(`conversation "${conversationId}" moved to another inbox meanwhile; try again`);
    const next = await change(current, { tx, events, actor, now: runtime.clock.now() });
    if (next !== current) await tx.conversations.update(next);
    return next;
  });
}

/**
 * Marks a conversation as spam by hand, in one transaction with `conversation.spam.marked`.
 * Like HubSpot's spam folder: it leaves every inbox view (lists default to `spam: false`),
 * stops counting towards its assignee's open load and is never announced, but keeps its
 * assignee, team and status, so `notSpam` puts it back exactly where it was. Idempotent: spam
 * stays spam (and keeps the `spamAt` its retention counts from).
 */
export function markSpam(scope: Scope, conversationId: string, input: ByInput | undefined): Promise<Conversation> {
  return changeSpam(scope, conversationId, input, 'mark spam', async (current, { events, actor, now }) => {
    if (current.spam) return current;
    events.record('conversation.spam.marked', { conversationId, inboxId: current.inboxId, by: actor });
    return { ...current, spam: true, spamAt: now, updatedAt: now };
  });
}

/**
 * Makes a spam conversation a normal one again, whether a filter or a user made it spam: the one
 * path behind `conversations.notSpam` and `filters.release`. In one transaction it records
 * `conversation.released` (announced like a new conversation), and when it has no assignee it
 * is routed by its rule (`conversationRule`). Idempotent: a conversation that is not spam is
 * returned unchanged, with no event.
 */
export function notSpam(scope: Scope, conversationId: string, input: ByInput | undefined): Promise<Conversation> {
  return changeSpam(scope, conversationId, input, 'not spam', async (current, { tx, events, actor, now }) => {
    if (!current.spam) return current;
    events.record('conversation.released', { conversationId, inboxId: current.inboxId, by: actor });
    const next: Conversation = { ...current, spam: false, spamAt: null, updatedAt: now };
    if (next.assigneeId !== null) return next;
    const contact = await tx.contacts.get(scope.workspaceId, current.contactId);
    return routeConversation(scope, tx, events, next, contact, { trigger: 'release' });
  });
}
