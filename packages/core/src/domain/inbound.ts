import { z } from 'zod';
import { idSchema, propertiesSchema, timestampSchema } from './common.js';
import { jsonObjectSchema } from './json.js';
import { attachmentsSchema } from './timeline.js';

/** What every channel hands to `kit.ingest`. */
export const inboundMessageSchema = z.strictObject({
  workspaceId: idSchema,
  channelId: idSchema,
  /** The channel's unique id of this message; ingesting it twice is a no-op. */
  externalId: z.string().min(1).max(1000),
  /** Channel ids of earlier messages this one replies to (email `In-Reply-To` / `References`). */
  threadRefs: z.array(z.string().min(1).max(1000)).max(100).default([]),
  /** Reply token from a reply-to address, if the channel found one. */
  replyToken: z.string().max(200).nullish(),
  /**
   * Opt-in last threading rule: when nothing else matched, continue the contact's newest
   * conversation in the inbox whose normalized subject (`normalizeSubject`) equals this one's
   * and whose last activity is within `windowMs`.
   */
  subjectThreading: z.strictObject({ windowMs: z.number().int().positive().max(31_536_000_000) }).nullish(),
  /** Append to this conversation (chat sessions know theirs). Must be in the same channel's inbox. */
  conversationId: idSchema.nullish(),
  from: z
    .object({
      email: z.email().nullish(),
      name: z.string().max(200).nullish(),
      phone: z.string().max(50).nullish(),
      visitorId: z.string().min(1).max(200).nullish(),
      /** Contact properties the sender gave (a form's mapped fields): set key by key on the contact. */
      properties: propertiesSchema.optional(),
    })
    .refine((f) => Boolean(f.email || f.phone || f.visitorId), {
      message: 'from needs an email, phone or visitorId',
      path: ['email'],
    }),
  to: z.array(z.string().max(320)).max(100).default([]),
  subject: z.string().max(1000).nullish(),
  text: z.string().max(1_000_000),
  visibleText: z.string().max(1_000_000).nullish(),
  html: z.string().max(5_000_000).nullish(),
  attachments: attachmentsSchema(50),
  receivedAt: timestampSchema.optional(),
  origin: z.strictObject({ kind: z.enum(['channel', 'chatflow', 'form']), id: z.string().nullable() }).optional(),
  /** Channel metadata: plain JSON, at most 64 KB and 10 levels deep. */
  metadata: jsonObjectSchema().default({}),
});
/** What every channel hands to `kit.ingest`. */
export type InboundMessage = z.input<typeof inboundMessageSchema>;
/** An `InboundMessage` after validation and defaults. */
export type ParsedInbound = z.output<typeof inboundMessageSchema>;
