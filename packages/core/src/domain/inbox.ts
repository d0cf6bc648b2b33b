import { z } from 'zod';
import { idSchema, timestampSchema, uniqueIdsSchema } from './common.js';

/** Who may see an inbox: users directly, and teams (with their sub-teams' members). */
export const inboxMembersSchema = z.strictObject({
  users: uniqueIdsSchema.default([]),
  teams: uniqueIdsSchema.default([]),
});
/** Who may see an inbox. */
export type InboxMembers = z.infer<typeof inboxMembersSchema>;

/** A shared inbox. */
export const inboxSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().min(1).max(200),
  members: inboxMembersSchema,
  /** `<slug>-<shortid>@<fallbackEmailDomain>`: receives email before a team address is connected. */
  fallbackAddress: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A shared inbox. */
export type Inbox = z.infer<typeof inboxSchema>;

/** Input of `inboxes.create`. */
export const createInboxInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  members: inboxMembersSchema.default({ users: [], teams: [] }),
});
const inboxPatch = z.strictObject({ name: createInboxInput.shape.name, members: inboxMembersSchema }).partial();
/** Input of `inboxes.create`. */
export type CreateInboxInput = z.input<typeof createInboxInput>;

/** Patch of `inboxes.update`. */
export const updateInboxInput = inboxPatch;
/** Patch of `inboxes.update`. */
export type UpdateInboxInput = z.input<typeof updateInboxInput>;
