import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/common.js';
import { availabilitySettingsSchema } from './availability.js';
import { botDefinitionSchema } from './bots/schema.js';
import { DEVICE_TYPES, targetingSchema } from './targeting/schema.js';
import { userOrTeamSchema } from './user-or-team.js';

/** `live-chat` connects visitors with people; `bot` runs a bot definition first. */
export const chatflowTypeSchema = z.enum(['live-chat', 'bot']);
/** A chatflow's type. */
export type ChatflowType = z.infer<typeof chatflowTypeSchema>;

/**
 * A behaviour trigger the widget runs before it opens the chatflow's welcome message (the first
 * that fires wins; none means on page load): seconds on the page, scroll depth, or exit intent.
 */
export const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('timeOnPage'), seconds: z.number().int().min(1).max(3600) }),
  z.strictObject({ type: z.literal('scroll'), percent: z.number().int().min(1).max(100) }),
  z.strictObject({ type: z.literal('exitIntent') }),
]);
/** A behaviour trigger. */
export type Trigger = z.infer<typeof triggerSchema>;

// The editable fields, without defaults: a patch must not reset what it leaves out.
const settings = {
  name: z.string().trim().min(1).max(200),
  type: chatflowTypeSchema,
  /** Disabled chatflows never match. */
  enabled: z.boolean(),
  /** Higher wins when several chatflows match a page; equal priorities favour the older chatflow. */
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  targeting: targetingSchema,
  triggers: z.array(triggerSchema).max(10),
  welcomeMessage: z.string().trim().min(1).max(2000).nullable(),
  /** Who the widget presents: a user (avatar, name, meeting link) or a team. */
  profile: userOrTeamSchema.nullable(),
  availability: availabilitySettingsSchema,
  /** The bot of a `bot` chatflow; `null` for `live-chat`. */
  bot: botDefinitionSchema.nullable(),
};

/** A bot chatflow has a bot; a live-chat one has none. */
function checkBot(c: { type?: ChatflowType | undefined; bot?: unknown }, ctx: z.RefinementCtx): void {
  if (c.type === 'bot' && c.bot == null) ctx.addIssue({ code: 'custom', message: 'a bot chatflow needs a bot definition', path: ['bot'] });
  if (c.type === 'live-chat' && c.bot != null) ctx.addIssue({ code: 'custom', message: 'only bot chatflows have a bot definition', path: ['bot'] });
}

/** A chatflow of a chat channel: where it shows, how it presents itself, and (for bots) its steps. */
export const chatflowSchema = z
  .object({ id: idSchema, workspaceId: idSchema, channelId: idSchema, ...settings, createdAt: timestampSchema, updatedAt: timestampSchema })
  .superRefine(checkBot);
/** A chatflow. */
export type Chatflow = z.infer<typeof chatflowSchema>;

/** Input of `chatflows.create`. */
export const createChatflowInput = z
  .object({
    channelId: idSchema,
    ...settings,
    enabled: settings.enabled.default(true),
    priority: settings.priority.default(0),
    targeting: targetingSchema.prefault({}),
    triggers: settings.triggers.default([]),
    welcomeMessage: settings.welcomeMessage.default(null),
    profile: settings.profile.default(null),
    availability: availabilitySettingsSchema.prefault({}),
    bot: settings.bot.default(null),
  })
  .superRefine(checkBot);
/** Input of `chatflows.create`. */
export type CreateChatflowInput = z.input<typeof createChatflowInput>;

/** Patch of `chatflows.update`: given fields replace the stored ones whole (`targeting`, `availability`, `bot` included). */
export const updateChatflowInput = z.strictObject(settings).partial();
/** Patch of `chatflows.update`. */
export type UpdateChatflowInput = z.input<typeof updateChatflowInput>;

/** Query of `chatflows.list`: ordered by id (creation order); `channelId` narrows to one channel. */
export const listChatflowsQuery = z.strictObject({
  channelId: idSchema.optional(),
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).max(500).default(50),
});
/** Query of `chatflows.list`. */
export type ListChatflowsQuery = z.input<typeof listChatflowsQuery>;

/** Input of `chatflows.match`: a page view on a chat channel. */
export const matchChatflowInput = z.strictObject({
  channelId: idSchema,
  /** The page URL; one that is not an absolute http(s) URL matches nothing (it does not throw). */
  url: z.string(),
  visitor: z
    .object({
      /** The widget's visitor id: resolves the contact when `contact` is not given. */
      visitorId: z.string().min(1).max(200).optional(),
      /** A *verified* email (e.g. from the host's identity token): resolves the contact. Never pass an unverified claim. */
      email: z.string().min(1).max(320).optional(),
      /** The contact, already resolved by the caller (`null`: unknown); skips the lookup. */
      // Not strict: callers pass a whole `Contact`; only the fields targeting reads are kept.
      contact: z
        .object({ email: z.string().nullable(), name: z.string().nullable(), phone: z.string().nullable(), properties: z.record(z.string(), z.unknown()) })
        .nullable()
        .optional(),
      /** The `Accept-Language` header, or one language tag. */
      language: z.string().optional(),
      device: z.enum(DEVICE_TYPES).optional(),
      /** Used to derive `device` when it is not given. */
      userAgent: z.string().optional(),
    })
    .optional(),
});
/** Input of `chatflows.match`. */
export type MatchChatflowInput = z.input<typeof matchChatflowInput>;
