import { byInput, type ByInput, type Conversation } from '../domain/conversation.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { routeConversation } from '../routing/route-conversation.js';
import { actorOf } from './status.js';

/**
 * Marks a conversation as spam by hand, in one transaction with `conversation.spam.marked`.
 * Like HubSpot's spam folder: it leaves every inbox view (lists default to `spam: false`),
 * stops counting towards its assignee's open load and is never announced, but keeps its
 * assignee, team and status, so `notSpam` puts it back exactly where it was. Idempotent: spam
 * stays spam (and keeps the `spamAt` its retention counts from).
 */
export async function markSpam(scope: Scope, conversationId: string, input: ByInput | undefined): Promise<Conversation> {
  const { by } = parseInput(byInput, input, 'mark spam');
  const { workspaceId, runtime } = scope;
  return scope.mutate(async (tx, events) => {
    const actor = actorOf(await scope.access.by(by, 'mark spam', tx));
    const current = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    await scope.access.requireInbox(current.inboxId, 'conversation', conversationId, tx);
    if (current.spam) return current;
    const now = runtime.clock.now();
    const next: Conversation = { ...current, spam: true, spamAt: now, updatedAt: now };
    await tx.conversations.update(next);
    events.record('conversation.spam.marked', { conversationId, inboxId: current.inboxId, by: actor });
    return next;
  });
}

/**
 * Makes a spam conversation a normal one again, whether a filter or a user made it spam: the one
 * path behind `conversations.notSpam` and `filters.release`. In one transaction it records
 * `conversation.released` (announced like a new conversation), and when it has no assignee it
 * is routed by its rule (`conversationRule`). Idempotent: a conversation that is not spam is
 * returned unchanged, with no event.
 */
export async function notSpam(scope: Scope, conversationId: string, input: ByInput | undefined): Promise<Conversation> {
  const { by } = parseInput(byInput, input, 'not spam');
  const { workspaceId, runtime } = scope;
  return scope.mutate(async (tx, events) => {
    const actor = actorOf(await scope.access.by(by, 'not spam', tx));
    const current = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    await scope.access.requireInbox(current.inboxId, 'conversation', conversationId, tx);
    if (!current.spam) return current;
    let next: Conversation = { ...current, spam: false, spamAt: null, updatedAt: runtime.clock.now() };
    events.record('conversation.released', { conversationId, inboxId: current.inboxId, by: actor });
    if (next.assigneeId === null) {
      const contact = await tx.contacts.get(workspaceId, current.contactId);
      next = await routeConversation(scope, tx, events, next, contact, { trigger: 'release' });
    }
    await tx.conversations.update(next);
    return next;
  });
}
