import { z } from 'zod';
import type { Page } from '../domain/common.js';
import { ConflictError } from '../errors/conflict-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import {
  createSnippetInput,
  listSnippetsQuery,
  renderSnippetInput,
  updateSnippetInput,
  type CreateSnippetInput,
  type ListSnippetsQuery,
  type RenderSnippetInput,
  type Snippet,
  type UpdateSnippetInput,
} from './snippet.js';
import { lockSnippets } from './snippet-locks.js';
import { snippetPage, snippetVisible } from './snippet-pages.js';
import { snippetValues } from './snippet-values.js';
import { parseTemplate, renderTemplate } from './template.js';

/**
 * Snippets (`ws.snippets`): canned replies an agent inserts by shortcut, for one inbox or every
 * inbox (`inboxId: null`). Bodies are plain text with `{{variables}}` from a fixed set
 * (`SNIPPET_VARIABLES`), checked when saved: an unknown variable or a malformed `{{` is
 * `VALIDATION` naming `body`. Everyone reads the snippets of the inboxes they see (and the
 * all-inbox ones); others are `NOT_FOUND`. Creating, changing and deleting needs an admin.
 * Deleting an inbox deletes its snippets.
 */
export interface SnippetsApi {
  /** Creates a snippet. `CONFLICT` when the shortcut is taken; `VALIDATION` naming `inboxId` for an unknown inbox. Admin only. */
  create(input: CreateSnippetInput): Promise<Snippet>;
  /** The snippet; `NOT_FOUND` when missing or its inbox is not visible. */
  get(id: string): Promise<Snippet>;
  /**
   * Snippets ordered by shortcut: optionally those offered in one inbox (its own and the
   * all-inbox ones; nothing for an inbox the actor cannot see), or whose shortcut starts with
   * `shortcutPrefix`. Agents get those of their inboxes and the all-inbox ones; pages are full.
   */
  list(query?: ListSnippetsQuery): Promise<Page<Snippet>>;
  /** Changes the given fields and re-validates (`CONFLICT` on a taken shortcut). Admin only. */
  update(id: string, patch: UpdateSnippetInput): Promise<Snippet>;
  /** Deletes a snippet; `NOT_FOUND` when missing. Admin only. */
  delete(id: string): Promise<void>;
  /**
   * The snippet's body filled in for a conversation: `{ text }`, plain text (nothing in the body
   * or the values is interpreted or escaped as HTML; send it as a reply's `text`). Contact,
   * inbox and subject come from the conversation; `agent.*` from the acting user — under
   * `asUser` the scoped user, on the host API the user named `by` (`VALIDATION` when unknown),
   * or empty without one. Missing values render as empty text. The conversation must be visible
   * (`NOT_FOUND`), and an inbox-bound snippet must belong to its inbox (`VALIDATION` naming
   * `conversationId`).
   */
  render(id: string, input: RenderSnippetInput): Promise<{ text: string }>;
}

const snippetId = z.string().min(1).max(200);

async function checkSnippet(tx: StorageOperations, snippet: Snippet): Promise<void> {
  if (snippet.inboxId !== null && !(await tx.records.get(snippet.workspaceId, 'inbox', snippet.inboxId))) {
    throw new ValidationError('snippet', [{ path: 'inboxId', message: `unknown inbox "${snippet.inboxId}"` }]);
  }
  const taken = await tx.records.list(snippet.workspaceId, 'snippet', { where: { shortcut: snippet.shortcut } });
  if (taken.items.some((other) => other.id !== snippet.id)) throw new ConflictError(`a snippet with shortcut "${snippet.shortcut}" exists`);
}

/** Builds the snippets API of a scope. */
export function snippetsService(scope: Scope): SnippetsApi {
  const { workspaceId, runtime } = scope;

  /** The snippet as this actor may see it (`NOT_FOUND` otherwise). */
  async function visible(id: string): Promise<Snippet> {
    parseInput(snippetId, id, 'snippet id');
    const snippet = requireFound(await scope.storage.records.get(workspaceId, 'snippet', id), 'snippet', id);
    if (!snippetVisible(snippet, await scope.access.visibleInboxIds())) throw new NotFoundError('snippet', id);
    return snippet;
  }

  /** Visible first (`NOT_FOUND`), then admin (`FORBIDDEN`): nothing about hidden inboxes leaks. */
  async function manageable(id: string): Promise<void> {
    await visible(id);
    await scope.access.requireAdmin('manage snippets');
  }

  return {
    async create(input) {
      await scope.access.requireAdmin('manage snippets');
      const parsed = parseInput(createSnippetInput, input, 'snippet');
      const now = runtime.clock.now();
      const snippet: Snippet = { id: runtime.ids.next('snip'), workspaceId, ...parsed, inboxId: parsed.inboxId ?? null, createdAt: now, updatedAt: now };
      return scope.mutate(async (tx, events) => {
        await lockSnippets(tx, workspaceId);
        await checkSnippet(tx, snippet);
        await tx.records.put('snippet', snippet);
        events.record('snippet.created', { snippetId: snippet.id, inboxId: snippet.inboxId });
        return snippet;
      });
    },
    get: visible,
    async list(query = {}) {
      const { inboxId, shortcutPrefix, cursor, limit } = parseInput(listSnippetsQuery, query, 'snippet query');
      const visibleInboxIds = await scope.access.visibleInboxIds();
      // A hidden inbox offers nothing, as other lists answer for it.
      if (inboxId && visibleInboxIds && !visibleInboxIds.includes(inboxId)) return { items: [], nextCursor: null };
      const all = (await scope.storage.records.list(workspaceId, 'snippet')).items;
      return snippetPage(all, { visibleInboxIds, inboxId, shortcutPrefix }, cursor, limit);
    },
    async update(id, patch) {
      await manageable(id);
      const parsed = parseInput(updateSnippetInput, patch, 'snippet');
      return scope.mutate(async (tx, events) => {
        await lockSnippets(tx, workspaceId);
        const current = requireFound(await tx.records.get(workspaceId, 'snippet', id), 'snippet', id);
        const next: Snippet = {
          ...current,
          name: parsed.name ?? current.name,
          shortcut: parsed.shortcut ?? current.shortcut,
          body: parsed.body ?? current.body,
          inboxId: parsed.inboxId === undefined ? current.inboxId : parsed.inboxId,
          updatedAt: runtime.clock.now(),
        };
        await checkSnippet(tx, next);
        await tx.records.put('snippet', next);
        events.record('snippet.updated', { snippetId: id, inboxId: next.inboxId, fields: changedFields(parsed) });
        return next;
      });
    },
    async delete(id) {
      await manageable(id);
      await scope.mutate(async (tx, events) => {
        await lockSnippets(tx, workspaceId);
        const snippet = requireFound(await tx.records.get(workspaceId, 'snippet', id), 'snippet', id);
        await tx.records.delete(workspaceId, 'snippet', id);
        events.record('snippet.deleted', { snippetId: id, inboxId: snippet.inboxId });
      });
    },
    async render(id, input) {
      const parsed = parseInput(renderSnippetInput, input, 'snippet render');
      const snippet = await visible(id);
      const { storage } = scope;
      const conversation = requireFound(await storage.conversations.get(workspaceId, parsed.conversationId), 'conversation', parsed.conversationId);
      await scope.access.requireInbox(conversation.inboxId, 'conversation', parsed.conversationId);
      if (snippet.inboxId !== null && snippet.inboxId !== conversation.inboxId) {
        throw new ValidationError('snippet render', [{ path: 'conversationId', message: `snippet "${id}" belongs to another inbox than the conversation` }]);
      }
      const agentId = await scope.access.by(parsed.by, 'snippet render');
      const [contact, inbox, agent] = await Promise.all([
        storage.contacts.get(workspaceId, conversation.contactId),
        storage.records.get(workspaceId, 'inbox', conversation.inboxId),
        agentId === null ? null : storage.records.get(workspaceId, 'user', agentId),
      ]);
      return { text: renderTemplate(parseTemplate(snippet.body), snippetValues({ conversation, contact, inbox, agent })) };
    },
  };
}
