import type { Page } from '../domain/common.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { StorageOperations } from '../storage/storage.js';
import { z } from 'zod';
import {
  createFormInput,
  formSchema,
  listFormsQuery,
  updateFormInput,
  type CreateFormInput,
  type Form,
  type FormSpamCount,
  type ListFormsQuery,
  type UpdateFormInput,
} from './form.js';
import { formsChannelFor } from './form-channel.js';
import { formAddress, registerForm } from './form-directory.js';
import { readSpamCount, spamCounterKey } from './spam-counter.js';

/**
 * Forms (`ws.forms`): definitions stored as data and validated when saved. A form belongs to a
 * `forms` channel of its inbox — submissions arrive on that channel (its routing rule assigns
 * them) and replies go out by email through the inbox's email channel (`replyVia: 'email'`).
 * Every change is an event (`form.created|updated|deleted`). Configuration needs an admin; a
 * form in an inbox the user cannot see is `NOT_FOUND`.
 */
export interface FormsApi {
  /**
   * Creates a form in an inbox. Fields are checked when saved (unique safe names, options on
   * selects only, a required email field, unique contact mappings): `VALIDATION` naming the
   * field (`fields[2].options`), also for an unknown inbox or a channel that is not a forms
   * channel of it. Without `channelId` the inbox's first active forms channel is used, and one is
   * connected (`channel.connected`) when it has none. Admin only.
   */
  create(input: CreateFormInput): Promise<Form>;
  /** The form; `NOT_FOUND` when missing or its inbox is not visible. */
  get(id: string): Promise<Form>;
  /** Forms ordered by id (creation order), optionally of one inbox; agents see their inboxes' forms. */
  list(query?: ListFormsQuery): Promise<Page<Form>>;
  /** Replaces the given settings whole (`fields`, `allowedOrigins`) and re-validates. Admin only. */
  update(id: string, patch: UpdateFormInput): Promise<Form>;
  /** Deletes a form and its spam counter; its conversations stay. `NOT_FOUND` when missing. Admin only. */
  delete(id: string): Promise<void>;
  /** Rejected spam submissions of the form so far, by reason (spam never opens a conversation). */
  spamCount(id: string): Promise<FormSpamCount>;
}

/** Deletes a form with its directory entry and spam counter, in the caller's transaction. */
async function removeForm(tx: StorageOperations, events: EventRecorder, form: Form): Promise<void> {
  await tx.records.delete(form.workspaceId, 'form', form.id);
  await tx.addresses.delete(formAddress(form.id));
  await tx.state.delete(form.workspaceId, spamCounterKey(form.id));
  events.record('form.deleted', { formId: form.id, inboxId: form.inboxId });
}

/** Deletes every form of an inbox being deleted, in its transaction (no form outlives its inbox). */
export async function deleteInboxForms(tx: StorageOperations, events: EventRecorder, workspaceId: string, inboxId: string): Promise<void> {
  for (const form of (await tx.records.list(workspaceId, 'form', { where: { inboxId } })).items) await removeForm(tx, events, form);
}

/** Builds the forms API of a scope. */
export function formsService(scope: Scope): FormsApi {
  const { workspaceId, runtime } = scope;

  /** The form as this actor may see it (`NOT_FOUND` otherwise). */
  async function visible(id: string): Promise<Form> {
    const form = requireFound(await scope.storage.records.get(workspaceId, 'form', id), 'form', id);
    await scope.access.requireInbox(form.inboxId, 'form', id);
    return form;
  }

  /** Visible first (`NOT_FOUND`), then admin (`FORBIDDEN`): nothing about hidden inboxes leaks. */
  async function manageable(id: string): Promise<void> {
    parseInput(z.string().min(1).max(200), id, 'form id');
    await visible(id);
    await scope.access.requireAdmin('manage forms');
  }

  return {
    async create(input) {
      const parsed = parseInput(createFormInput, input, 'form');
      await scope.access.requireInbox(parsed.inboxId, 'inbox', parsed.inboxId);
      await scope.access.requireAdmin('manage forms');
      const { channelId, ...settings } = parsed;
      const result = await scope.mutate(async (tx, events) => {
        if (!(await tx.records.get(workspaceId, 'inbox', parsed.inboxId))) {
          throw new ValidationError('form', [{ path: 'inboxId', message: `unknown inbox "${parsed.inboxId}"` }]);
        }
        const { channel, created } = await formsChannelFor(scope, tx, events, parsed.inboxId, channelId);
        const now = runtime.clock.now();
        const form: Form = { id: runtime.ids.next('form'), workspaceId, ...settings, channelId: channel.id, createdAt: now, updatedAt: now };
        await tx.records.put('form', form);
        await registerForm(tx, form);
        events.record('form.created', { formId: form.id, inboxId: form.inboxId, channelId: form.channelId });
        return { form, channel: created ? channel : null };
      });
      if (result.channel) await runtime.channels.get(result.channel.type)?.onConnect?.(result.channel);
      return result.form;
    },
    get: visible,
    async list(query = {}) {
      const { inboxId, cursor, limit } = parseInput(listFormsQuery, query, 'form query');
      const visible = await scope.access.visibleInboxIds();
      // Filtered in the store, not after paging: an agent's pages are full (a hidden inbox lists nothing).
      const inboxes = inboxId ? (visible && !visible.includes(inboxId) ? [] : inboxId) : visible;
      return scope.storage.records.list(workspaceId, 'form', { where: inboxes ? { inboxId: inboxes } : undefined, cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      await manageable(id);
      const parsed = parseInput(updateFormInput, patch, 'form');
      return scope.mutate(async (tx, events) => {
        const current = requireFound(await tx.records.get(workspaceId, 'form', id), 'form', id);
        const given = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
        const next = parseInput(formSchema, { ...current, ...given, updatedAt: runtime.clock.now() }, 'form');
        await tx.records.put('form', next);
        events.record('form.updated', { formId: id, inboxId: next.inboxId, fields: changedFields(given) });
        return next;
      });
    },
    async delete(id) {
      await manageable(id);
      await scope.mutate(async (tx, events) => {
        await removeForm(tx, events, requireFound(await tx.records.get(workspaceId, 'form', id), 'form', id));
      });
    },
    async spamCount(id) {
      await visible(id);
      return readSpamCount(scope.storage, workspaceId, id);
    },
  };
}
