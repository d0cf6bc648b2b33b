import { z } from 'zod';
import { idSchema, type Page } from '../domain/common.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import {
  chatflowSchema,
  createChatflowInput,
  listChatflowsQuery,
  updateChatflowInput,
  type Chatflow,
  type CreateChatflowInput,
  type ListChatflowsQuery,
  type MatchChatflowInput,
  type UpdateChatflowInput,
} from './chatflow.js';
import { matchChatflow, type ChatflowMatch } from './match-service.js';
import { checkReferences, requireChatChannel } from './references.js';
import { bumpVersion } from './rules-cache.js';

/** Chatflows of chat channels (`ws.chatflows`). Every change is an event (`chatflow.created|updated|deleted`). */
export interface ChatflowsApi {
  /**
   * Creates a chatflow on a chat channel. Validated when saved: targeting (operators, safe
   * patterns, no empty groups), the bot graph, and the users and teams it names — `VALIDATION`
   * naming the field (`targeting.include[0][1].value`); `NOT_FOUND` for an unknown channel. Admin only.
   */
  create(input: CreateChatflowInput): Promise<Chatflow>;
  /** The chatflow; `NOT_FOUND` when missing or its channel's inbox is not visible. */
  get(id: string): Promise<Chatflow>;
  /** Chatflows ordered by id (creation order), optionally of one channel. Evaluation order is by `priority`. */
  list(query?: ListChatflowsQuery): Promise<Page<Chatflow>>;
  /** Replaces the given fields (whole: `targeting`, `availability`, `bot` too) and re-validates. Admin only. */
  update(id: string, patch: UpdateChatflowInput): Promise<Chatflow>;
  /** Deletes a chatflow; `NOT_FOUND` when missing. Admin only. */
  delete(id: string): Promise<void>;
  /**
   * Sets the evaluation order of a channel's chatflows: `ids` lists every chatflow of the channel
   * exactly once, highest priority first (priorities become `n-1 … 0`). Returns them in that order. Admin only.
   */
  reorder(channelId: string, ids: string[]): Promise<Chatflow[]>;
  /**
   * The chatflow that shows on a page, its triggers, availability (office hours by the kit's
   * clock), profile and an explanation. Never throws for an unparsable URL (nothing matches);
   * `NOT_FOUND` for an unknown channel, `VALIDATION` for a channel that is not a chat channel.
   */
  match(input: MatchChatflowInput): Promise<ChatflowMatch>;
}

const reorderInput = z.strictObject({ channelId: idSchema, ids: z.array(idSchema).min(1) });

/** Why `ids` is not exactly the channel's chatflows, or `null`. */
function reorderProblem(ids: string[], existing: Chatflow[]): string | null {
  const known = new Set(existing.map((c) => c.id));
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  const unknown = ids.find((id) => !known.has(id));
  const missing = existing.find((c) => !ids.includes(c.id));
  if (duplicate) return `"${duplicate}" is listed twice`;
  if (unknown) return `"${unknown}" is not a chatflow of this channel`;
  if (missing) return `every chatflow of the channel must be listed; "${missing.id}" is missing`;
  return null;
}

/** Builds the chatflows API of a scope. */
export function chatflowsService(scope: Scope): ChatflowsApi {
  const { workspaceId, runtime } = scope;

  /** Saves a chatflow and marks its channel's compiled rules stale, in the caller's transaction. */
  async function save(tx: StorageOperations, chatflow: Chatflow): Promise<void> {
    await tx.records.put('chatflow', chatflow);
    await bumpVersion(tx, workspaceId, chatflow.channelId, runtime.ids.next('cfv'));
  }

  /** Hides chatflows of channels whose inbox the actor cannot see, as `NOT_FOUND`. */
  async function requireVisible(chatflow: Chatflow): Promise<Chatflow> {
    if (!scope.access.restricted) return chatflow;
    const channel = requireFound(await scope.storage.records.get(workspaceId, 'channel', chatflow.channelId), 'chatflow', chatflow.id);
    await scope.access.requireInbox(channel.inboxId, 'chatflow', chatflow.id);
    return chatflow;
  }

  return {
    async create(input) {
      await scope.access.requireAdmin('manage chatflows');
      const parsed = parseInput(createChatflowInput, input, 'chatflow');
      const now = runtime.clock.now();
      const chatflow: Chatflow = { id: runtime.ids.next('cf'), workspaceId, ...parsed, createdAt: now, updatedAt: now };
      return scope.mutate(async (tx, events) => {
        await requireChatChannel(tx, workspaceId, chatflow.channelId);
        await checkReferences(tx, workspaceId, chatflow);
        await save(tx, chatflow);
        events.record('chatflow.created', { chatflowId: chatflow.id, channelId: chatflow.channelId });
        return chatflow;
      });
    },
    async get(id) {
      return requireVisible(requireFound(await scope.storage.records.get(workspaceId, 'chatflow', id), 'chatflow', id));
    },
    async list(query = {}) {
      const { channelId, cursor, limit } = parseInput(listChatflowsQuery, query, 'chatflow query');
      const visible = await scope.access.visibleInboxIds();
      // Filtered in the store, not after paging: an agent's pages are full.
      const visibleChannels = visible && (await scope.storage.records.list(workspaceId, 'channel', { where: { inboxId: visible } })).items.map((c) => c.id);
      if (channelId && visibleChannels && !visibleChannels.includes(channelId)) return { items: [], nextCursor: null };
      const channelIds = channelId ?? visibleChannels;
      const where = channelIds ? { channelId: channelIds } : undefined;
      return scope.storage.records.list(workspaceId, 'chatflow', { where, cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      await scope.access.requireAdmin('manage chatflows');
      const parsed = parseInput(updateChatflowInput, patch, 'chatflow');
      return scope.mutate(async (tx, events) => {
        const current = requireFound(await tx.records.get(workspaceId, 'chatflow', id), 'chatflow', id);
        const given = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
        // Re-validated whole: a patch can break a rule spanning fields (`type: 'bot'` without a bot).
        const next = parseInput(chatflowSchema, { ...current, ...given, updatedAt: runtime.clock.now() }, 'chatflow');
        await checkReferences(tx, workspaceId, next);
        await save(tx, next);
        events.record('chatflow.updated', { chatflowId: id, channelId: next.channelId, fields: changedFields(given) });
        return next;
      });
    },
    async delete(id) {
      await scope.access.requireAdmin('manage chatflows');
      await scope.mutate(async (tx, events) => {
        const chatflow = requireFound(await tx.records.get(workspaceId, 'chatflow', id), 'chatflow', id);
        await tx.records.delete(workspaceId, 'chatflow', id);
        await bumpVersion(tx, workspaceId, chatflow.channelId, runtime.ids.next('cfv'));
        events.record('chatflow.deleted', { chatflowId: id, channelId: chatflow.channelId });
      });
    },
    async reorder(channelId, ids) {
      await scope.access.requireAdmin('manage chatflows');
      const input = parseInput(reorderInput, { channelId, ids }, 'chatflow order');
      return scope.mutate(async (tx, events) => {
        await requireChatChannel(tx, workspaceId, input.channelId);
        const existing = (await tx.records.list(workspaceId, 'chatflow', { where: { channelId: input.channelId } })).items;
        const problem = reorderProblem(input.ids, existing);
        if (problem) throw new ValidationError('chatflow order', [{ path: 'ids', message: problem }]);
        const now = runtime.clock.now();
        const reordered = input.ids.map((chatflowId, i) => {
          const current = existing.find((c) => c.id === chatflowId)!;
          const priority = input.ids.length - 1 - i;
          return current.priority === priority ? current : { ...current, priority, updatedAt: now };
        });
        for (const chatflow of reordered.filter((c) => !existing.includes(c))) {
          await tx.records.put('chatflow', chatflow);
          events.record('chatflow.updated', { chatflowId: chatflow.id, channelId: chatflow.channelId, fields: ['priority'] });
        }
        await bumpVersion(tx, workspaceId, input.channelId, runtime.ids.next('cfv'));
        return reordered;
      });
    },
    match: (input) => matchChatflow(scope, input),
  };
}
