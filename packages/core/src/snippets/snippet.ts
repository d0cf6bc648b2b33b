import { z } from 'zod';
import { idSchema, pageQuerySchema, timestampSchema } from '../domain/common.js';
import { templateError } from './template.js';

/** How an agent calls a snippet up (`/refund`): lower-case letters, digits, `-` and `_`, starting with a letter or digit. */
export const shortcutSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-_]*$/, 'a shortcut is lower-case letters, digits, - and _, starting with a letter or digit');

/** A body: plain text with `{{variables}}` (see `SNIPPET_VARIABLES`), checked when saved. */
const bodySchema = z
  .string()
  .min(1)
  .max(20_000)
  .superRefine((body, ctx) => {
    const error = templateError(body);
    if (error !== null) ctx.addIssue({ code: 'custom', message: error });
  });

/** A canned reply (`ws.snippets`): a named body with variables, for one inbox or all of them. */
export const snippetSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().min(1).max(200),
  /** Unique per workspace. */
  shortcut: shortcutSchema,
  body: z.string(),
  /** The inbox it is offered in; `null` = every inbox. */
  inboxId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A canned reply. */
export type Snippet = z.infer<typeof snippetSchema>;

const snippetFields = {
  name: z.string().trim().min(1).max(200),
  shortcut: shortcutSchema,
  body: bodySchema,
  inboxId: idSchema.nullish(),
};

/** Input of `snippets.create` (`inboxId` omitted or `null`: every inbox). */
export const createSnippetInput = z.strictObject(snippetFields);
/** Input of `snippets.create`. */
export type CreateSnippetInput = z.input<typeof createSnippetInput>;

/** Patch of `snippets.update` (`inboxId: null` makes it available in every inbox). */
export const updateSnippetInput = z.strictObject(snippetFields).partial();
/** Patch of `snippets.update`. */
export type UpdateSnippetInput = z.input<typeof updateSnippetInput>;

/** Query of `snippets.list`, ordered by shortcut. */
export const listSnippetsQuery = pageQuerySchema.extend({
  /** Only the snippets offered in this inbox: its own and the all-inbox ones. */
  inboxId: idSchema.optional(),
  /** Only shortcuts starting with this (what an agent typed after `/`). */
  shortcutPrefix: z.string().max(64).optional(),
});
/** Query of `snippets.list`. */
export type ListSnippetsQuery = z.input<typeof listSnippetsQuery>;

/** Input of `snippets.render`: the conversation it fills in, and (host calls) the agent. */
export const renderSnippetInput = z.strictObject({
  conversationId: idSchema,
  /**
   * The user whose `agent.*` values fill in. Under `asUser` the scoped user always is; a host
   * call without it renders `agent.*` as empty text.
   */
  by: idSchema.nullish(),
});
/** Input of `snippets.render`. */
export type RenderSnippetInput = z.input<typeof renderSnippetInput>;
