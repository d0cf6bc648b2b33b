import type { Conversation } from '../domain/conversation.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { lockTags } from '../tags/tag-locks.js';
import { MAX_TAGS_PER_CONVERSATION, tagConversationInput, type TagConversationInput } from '../tags/tag.js';
import { actorOf } from './status.js';

/**
 * Adds (`tag`) or removes (`untag`) tags on a conversation, idempotently: ids already in the
 * wanted state change nothing, and a call that changes nothing writes nothing and records no
 * event. Otherwise ONE transaction saves the conversation and records ONE event,
 * `conversation.tagged` / `conversation.untagged`, with the ids that changed. Every id must name
 * a tag of the workspace (`VALIDATION` naming `tagIds[i]`); the conversation must be visible to
 * the actor (`NOT_FOUND`).
 */
export async function changeTags(scope: Scope, conversationId: string, input: TagConversationInput, mode: 'tag' | 'untag'): Promise<Conversation> {
  const { workspaceId, runtime } = scope;
  const parsed = parseInput(tagConversationInput, input, mode);
  return scope.mutate(async (tx, events) => {
    const by = await scope.access.by(parsed.by, mode, tx);
    // Tag locks before the conversation lock, the order a tag delete takes them in.
    if (mode === 'tag') await lockTags(tx, workspaceId, parsed.tagIds);
    const current = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    await scope.access.requireInbox(current.inboxId, 'conversation', conversationId, tx);
    for (const [i, tagId] of parsed.tagIds.entries()) {
      if (!(await tx.records.get(workspaceId, 'tag', tagId))) {
        throw new ValidationError(mode, [{ path: `tagIds[${i}]`, message: `unknown tag "${tagId}"` }]);
      }
    }
    const had = new Set(current.tagIds);
    const changed = parsed.tagIds.filter((tagId) => had.has(tagId) === (mode === 'untag'));
    if (changed.length === 0) return current;
    const tagIds = mode === 'tag' ? [...current.tagIds, ...changed] : current.tagIds.filter((tagId) => !changed.includes(tagId));
    if (tagIds.length > MAX_TAGS_PER_CONVERSATION) {
      throw new ValidationError(mode, [{ path: 'tagIds', message: `a conversation carries at most ${MAX_TAGS_PER_CONVERSATION} tags` }]);
    }
    const next: Conversation = { ...current, tagIds, updatedAt: runtime.clock.now() };
    await tx.conversations.update(next);
    const data = { conversationId, inboxId: current.inboxId, tagIds: changed, by: actorOf(by) };
    if (mode === 'tag') events.record('conversation.tagged', data);
    else events.record('conversation.untagged', data);
    return next;
  });
}
