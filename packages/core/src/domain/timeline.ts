import { z } from 'zod';
import { idSchema, pageQuerySchema, propertiesSchema, timestampSchema } from './common.js';

/** Attachment metadata; the bytes live in the `BlobStore` under `blobKey`. */
export const attachmentSchema = z.strictObject({
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
export const authorSchema = z.strictObject({
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
export const messageSchema = z.strictObject({
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
export const commentSchema = z.strictObject({
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

const bytesAttachmentInput = z.strictObject({
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255).default('application/octet-stream'),
  content: z.union([z.instanceof(Uint8Array), z.string()]),
  contentId: z.string().max(1000).nullish(),
});

/**
 * An attachment whose bytes the caller already put in the kit's `BlobStore` (a channel
 * streaming a large part), so they are never held in memory again. The key must lie under
 * the message's workspace (`<workspaceId>/…`); `size` is not counted against
 * `MAX_ATTACHMENT_BYTES` (the caller enforced its own limits when storing).
 */
export const storedAttachmentInput = z.strictObject({
  blobKey: z.string().min(1).max(1000),
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255).default('application/octet-stream'),
  size: z.number().int().nonnegative(),
  contentId: z.string().max(1000).nullish(),
});

/** Attachment as given to `reply` or in an inbound message: bytes, or a reference to stored bytes. */
export const attachmentInput = z.union([bytesAttachmentInput, storedAttachmentInput]);
/** Attachment as given to `reply` or in an inbound message. */
export type AttachmentInput = z.input<typeof attachmentInput>;

/** Max bytes of all attachments of one message together. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

// String content is base64: four characters carry three bytes.
const contentBytes = (content: unknown) =>
  content === undefined ? 0 : content instanceof Uint8Array ? content.byteLength : typeof content === 'string' ? Math.floor((content.length * 3) / 4) : 0;

/** The attachments of one message: at most `maxCount`, and `MAX_ATTACHMENT_BYTES` together. */
export function attachmentsSchema(maxCount: number) {
  return z
    .array(attachmentInput)
    .max(maxCount)
    .superRefine((items, ctx) => {
      const total = items.reduce((sum, item) => sum + ('content' in item ? contentBytes(item.content) : 0), 0);
      if (total > MAX_ATTACHMENT_BYTES) ctx.addIssue({ code: 'custom', message: `attachments total more than ${MAX_ATTACHMENT_BYTES} bytes` });
    })
    .default([]);
}

/** Input of `conversations.reply`. */
export const replyInput = z.strictObject({
  authorId: idSchema,
  text: z.string().min(1).max(100_000),
  html: z.string().max(1_000_000).nullish(),
  attachments: attachmentsSchema(20),
});
/** Input of `conversations.reply`. */
export type ReplyInput = z.input<typeof replyInput>;

/** Input of `conversations.comment`; mention users as `@[userId]`. */
export const commentInput = z.strictObject({
  authorId: idSchema,
  text: z.string().min(1).max(20_000),
});
/** Input of `conversations.comment`. */
export type CommentInput = z.input<typeof commentInput>;

/** Query of `conversations.timeline` (oldest first). */
export const timelineQuery = pageQuerySchema;
/** Query of `conversations.timeline`. */
export type TimelineQuery = z.input<typeof timelineQuery>;
