import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/common.js';

/** Most tags one conversation carries. */
export const MAX_TAGS_PER_CONVERSATION = 50;

/** A `#rrggbb` colour, how UIs show a tag. */
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

/** A label conversations carry (`ws.tags`); names are unique per workspace, ignoring case. */
export const tagSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().min(1).max(100),
  /** `#rrggbb`, or `null` for the UI's default. */
  color: colorSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A label conversations carry. */
export type Tag = z.infer<typeof tagSchema>;

const tagFields = {
  name: z.string().trim().min(1).max(100),
  color: colorSchema.nullish(),
};

/** Input of `tags.create`. */
export const createTagInput = z.strictObject(tagFields);
/** Input of `tags.create`. */
export type CreateTagInput = z.input<typeof createTagInput>;

/** Patch of `tags.update` (`color: null` clears). */
export const updateTagInput = z.strictObject(tagFields).partial();
/** Patch of `tags.update`. */
export type UpdateTagInput = z.input<typeof updateTagInput>;

/** Input of `conversations.tag` and `conversations.untag`: tag ids (repeats dropped) and the acting user. */
export const tagConversationInput = z.strictObject({
  tagIds: z
    .array(idSchema)
    .min(1)
    .max(MAX_TAGS_PER_CONVERSATION)
    .transform((ids) => [...new Set(ids)]),
  by: idSchema.nullish(),
});
/** Input of `conversations.tag` and `conversations.untag`. */
export type TagConversationInput = z.input<typeof tagConversationInput>;

/** The key names are compared by: case and Unicode composition do not make two tags different. */
export function tagNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
