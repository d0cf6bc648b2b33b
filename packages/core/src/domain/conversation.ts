import { z } from 'zod';
import { idSchema, instantSchema, pageQuerySchema, timestampSchema } from './common.js';

/** Conversation status. `snoozed` conversations wake up (become `open`) at `snoozedUntil`. */
export const conversationStatusSchema = z.enum(['open', 'closed', 'snoozed']);
/** Conversation status. */
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

/** Where a conversation started, beyond its channel. */
export const conversationOriginSchema = z.strictObject({
  kind: z.enum(['channel', 'chatflow', 'form']),
  id: z.string().nullable(),
});
/** Where a conversation started. */
export type ConversationOrigin = z.infer<typeof conversationOriginSchema>;

/** A thread with one contact in one inbox. */
export const conversationSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  inboxId: idSchema,
  channelId: idSchema,
  /** Denormalized channel type so lists can filter by it without a join. */
  channelType: z.string(),
  contactId: idSchema,
  subject: z.string().nullable(),
  status: conversationStatusSchema,
  snoozedUntil: timestampSchema.nullable(),
  assigneeId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  /** Spam (a `spam` filter at ingest, or `conversations.markSpam`): hidden from lists unless asked for, never routed or announced. */
  spam: z.boolean(),
  /**
   * When it became spam; `null` when it is not spam. Spam retention counts from here (and
   * from `lastMessageAt`): see `InboxKitOptions.spamRetentionDays`.
   */
  spamAt: timestampSchema.nullable(),
  /** Ids of the workspace's tags on this conversation (`ws.tags`), without duplicates; new conversations start with none. */
  tagIds: z.array(idSchema),
  origin: conversationOriginSchema,
  /** Secret token used in reply-to addresses to thread replies (see the email adapter). */
  replyToken: z.string(),
  messageCount: z.number().int().nonnegative(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  lastMessageAt: timestampSchema,
  firstResponseAt: timestampSchema.nullable(),
  closedAt: timestampSchema.nullable(),
});
/** A thread with one contact in one inbox. */
export type Conversation = z.infer<typeof conversationSchema>;

/**
 * The filters `conversations.list` and `conversations.search` share; all given ones must match.
 * `from` / `to` bound `lastMessageAt` (the activity lists sort by): `from` inclusive, `to`
 * exclusive, each a `Date` or epoch ms.
 */
export const conversationFiltersShape = {
  inboxId: idSchema.optional(),
  /** One status, or several (`['open', 'snoozed']`: any of them; an empty list is refused). */
  status: z.union([conversationStatusSchema, z.array(conversationStatusSchema).min(1).max(3)]).optional(),
  /** A user id, or `'unassigned'` for conversations without a user. */
  assignee: z.union([z.literal('unassigned'), idSchema]).optional(),
  teamId: idSchema.optional(),
  channelType: z.string().min(1).optional(),
  channelId: idSchema.optional(),
  contactId: idSchema.optional(),
  /** Last activity at or after this instant. */
  from: instantSchema.optional(),
  /** Last activity before this instant. */
  to: instantSchema.optional(),
  /** Only conversations carrying this tag. */
  tagId: idSchema.optional(),
  /** `true` lists only spam; default lists only non-spam. */
  spam: z.boolean().default(false),
};

/** Refuses an empty activity window (`to` at or before `from`), naming `to`. */
export const activityWindowIsOrdered: [(v: { from?: number; to?: number }) => boolean, { message: string; path: string[] }] = [
  (v) => v.from === undefined || v.to === undefined || v.from < v.to,
  { message: 'must be after from', path: ['to'] },
];

/** Query of `conversations.list`: newest activity first, keyset cursors. */
export const listConversationsInput = pageQuerySchema.extend(conversationFiltersShape).refine(...activityWindowIsOrdered);
/** Query of `conversations.list`. */
export type ListConversationsInput = z.input<typeof listConversationsInput>;

/** Input of `conversations.assign`: a user and/or a team; `null` clears. */
export const assignInput = z
  .object({ userId: idSchema.nullish(), teamId: idSchema.nullish(), by: idSchema.nullish() })
  .refine((v) => v.userId !== undefined || v.teamId !== undefined, {
    message: 'give userId and/or teamId (null to clear)',
    path: ['userId'],
  });
/** Input of `conversations.assign`. */
export type AssignInput = z.input<typeof assignInput>;

/** Actor of a state change: a user id, or absent for the system/host. */
export const byInput = z.strictObject({ by: idSchema.nullish() }).default({});
/** Actor of a state change. */
export type ByInput = z.input<typeof byInput>;

/** Input of `conversations.move`: the inbox to move to, and who moves it. */
export const moveInput = z.strictObject({ inboxId: idSchema, by: idSchema.nullish() });
/** Input of `conversations.move`. */
export type MoveInput = z.input<typeof moveInput>;

/** Input of `conversations.snooze`. */
export const snoozeInput = z.strictObject({
  until: z.union([z.date().transform((d) => d.getTime()), timestampSchema]),
  by: idSchema.nullish(),
});
/** Input of `conversations.snooze`. */
export type SnoozeInput = z.input<typeof snoozeInput>;
