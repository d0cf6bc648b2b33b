import { z } from 'zod';
import { idSchema, pageQuerySchema, propertiesSchema, timestampSchema } from './common.js';

/** Attachment metadata; the bytes live in the `BlobStore` under `blobKey`. */
export const attachmentSchema = z.object({
  id: idSchema,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  blobKey: z.string(),
  contentId: z.string().nullable(),
});
/** Attachment metadata. */
export type Attachment = z.infer<typeof attachmentSchema>;

/** Who wrote a message. `id` is the contact's or user's id; bots and system may have none. */
export const authorSchema = z.object({
  type: z.enum(['contact', 'user', 'bot', 'system']),
  id: z.string().nullable(),
});
/** Who wrote a message. */
export type Author = z.infer<typeof authorSchema>;

/** Delivery status of an outgoing message. */
export const deliveryStatusSchema = z.enum(['pending', 'sent', 'failed']);
/** Delivery status of an outgoing message. */
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** A message to or from the contact. */
export const messageSchema = z.object({
  kind: z.literal('message'),
  id: idSchema,
  workspaceId: idSchema,
  conversationId: idSchema,
  channelId: idSchema,
  direction: z.enum(['incoming', 'outgoing']),
  author: authorSchema,
  /** The full body as received or sent. */
  text: z.string(),
  /** The new part shown by default (quoted history and signature removed); `null` = same as text. */
  visibleText: z.string().nullable(),
  /** Sanitized HTML, if any. */
  html: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  /** The channel's id of this message (email `Message-ID`); unique per channel. */
  externalId: z.string().nullable(),
  /** Channel metadata (headers, page url…). Never secrets. */
  metadata: propertiesSchema,
  deliveryStatus: deliveryStatusSchema.nullable(),
  deliveryError: z.string().nullable(),
  createdAt: timestampSchema,
});
/** A message to or from the contact. */
export type Message = z.infer<typeof messageSchema>;

/** An internal note; never sent to the contact. */
export const commentSchema = z.object({
  kind: z.literal('comment'),
  id: idSchema,
  workspaceId: idSchema,
  conversationId: idSchema,
  authorId: idSchema,
  text: z.string(),
  /** User ids mentioned as `@[userId]`. */
  mentions: z.array(idSchema),
  createdAt: timestampSchema,
});
/** An internal note. */
export type Comment = z.infer<typeof commentSchema>;

/**
 * A timeline entry: message or comment, told apart by `kind`. Both share one id space
 * (`itm_…`), so items created in the same millisecond keep their creation order.
 */
export type TimelineItem = Message | Comment;

/** Attachment as given to `reply` or in an inbound message. */
export const attachmentInput = z.object({
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).default('application/octet-stream'),
  content: z.union([z.instanceof(Uint8Array), z.string()]),
  contentId: z.string().nullish(),
});
/** Attachment as given to `reply` or in an inbound message. */
export type AttachmentInput = z.input<typeof attachmentInput>;

/** Input of `conversations.reply`. */
export const replyInput = z.object({
  authorId: idSchema,
  text: z.string().min(1).max(100_000),
  html: z.string().max(1_000_000).nullish(),
  attachments: z.array(attachmentInput).max(20).default([]),
});
/** Input of `conversations.reply`. */
export type ReplyInput = z.input<typeof replyInput>;

/** Input of `conversations.comment`; mention users as `@[userId]`. */
export const commentInput = z.object({
  authorId: idSchema,
  text: z.string().min(1).max(20_000),
});
/** Input of `conversations.comment`. */
export type CommentInput = z.input<typeof commentInput>;

/** Query of `conversations.timeline` (oldest first). */
export const timelineQuery = pageQuerySchema;
/** Query of `conversations.timeline`. */
export type TimelineQuery = z.input<typeof timelineQuery>;
