import { pageQuerySchema, type Page } from '../domain/common.js';
import { ConflictError } from '../errors/conflict-error.js';
import { parseInput } from '../errors/parse.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import { deleteTag } from './delete-tag.js';
import { lockTagNames } from './tag-locks.js';
import { createTagInput, tagNameKey, updateTagInput, type CreateTagInput, type Tag, type UpdateTagInput } from './tag.js';

/**
 * Tags (`ws.tags`): labels conversations carry (`conversations.tag` / `untag`), listed with
 * `conversations.list({ tagId })` and reported on with `analytics.*({ tagId })`. Names are unique
 * per workspace ignoring case (`CONFLICT`). Everyone in the workspace reads tags; creating,
 * changing and deleting them needs an admin (`FORBIDDEN`), like the rest of the configuration.
 */
export interface TagsApi {
  /** Creates a tag. `CONFLICT` when another tag has the name (ignoring case). Admin only. */
  create(input: CreateTagInput): Promise<Tag>;
  /** The tag; `NOT_FOUND` when missing (or of another workspace). */
  get(id: string): Promise<Tag>;
  /** Tags ordered by id (creation order). */
  list(query?: { cursor?: string | null; limit?: number }): Promise<Page<Tag>>;
  /** Renames or recolours a tag (`color: null` clears). `CONFLICT` on a taken name. Admin only. */
  update(id: string, patch: UpdateTagInput): Promise<Tag>;
  /**
   * Deletes a tag and, in the same transaction, takes it off every conversation carrying it
   * (`conversation.untagged` each, reason `tag-deleted`, then `tag.deleted`). `NOT_FOUND` when
   * missing. Admin only.
   */
  delete(id: string): Promise<void>;
}

async function assertNameFree(tx: StorageOperations, workspaceId: string, name: string, selfId: string | null): Promise<void> {
  const key = tagNameKey(name);
  // Tags are few per workspace (config records): reading them all is the uniqueness check.
  const tags = (await tx.records.list(workspaceId, 'tag')).items;
  const taken = tags.find((tag) => tag.id !== selfId && tagNameKey(tag.name) === key);
  if (taken) throw new ConflictError(`a tag named "${taken.name}" exists`);
}

/** Builds the tags API of a scope. */
export function tagsService(scope: Scope): TagsApi {
  const { workspaceId, runtime } = scope;
  return {
    async create(input) {
      await scope.access.requireAdmin('create tags');
      const parsed = parseInput(createTagInput, input, 'tag');
      const now = runtime.clock.now();
      const tag: Tag = { id: runtime.ids.next('tag'), workspaceId, name: parsed.name, color: parsed.color ?? null, createdAt: now, updatedAt: now };
      return scope.mutate(async (tx, events) => {
        await lockTagNames(tx, workspaceId);
        await assertNameFree(tx, workspaceId, tag.name, null);
        await tx.records.put('tag', tag);
        events.record('tag.created', { tagId: tag.id, name: tag.name });
        return tag;
      });
    },
    async get(id) {
      await scope.access.actor();
      return requireFound(await scope.storage.records.get(workspaceId, 'tag', id), 'tag', id);
    },
    async list(query = {}) {
      await scope.access.actor();
      const { cursor, limit } = parseInput(pageQuerySchema, query, 'tag query');
      return scope.storage.records.list(workspaceId, 'tag', { cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      await scope.access.requireAdmin('update tags');
      const parsed = parseInput(updateTagInput, patch, 'tag');
      return scope.mutate(async (tx, events) => {
        await lockTagNames(tx, workspaceId);
        const current = requireFound(await tx.records.get(workspaceId, 'tag', id), 'tag', id);
        const next: Tag = {
          ...current,
          name: parsed.name ?? current.name,
          color: parsed.color === undefined ? current.color : parsed.color,
          updatedAt: runtime.clock.now(),
        };
        await assertNameFree(tx, workspaceId, next.name, id);
        await tx.records.put('tag', next);
        events.record('tag.updated', { tagId: id, fields: changedFields(parsed) });
        return next;
      });
    },
    async delete(id) {
      await scope.access.requireAdmin('delete tags');
      await scope.mutate((tx, events) => deleteTag(scope, tx, events, id));
    },
  };
}
