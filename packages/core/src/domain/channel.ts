import { z } from 'zod';
import { idSchema, pageQuerySchema, timestampSchema } from './common.js';
import { jsonObjectSchema } from './json.js';

/** One connection of a channel adapter to an inbox. `config` holds secret references, never secrets. */
export const channelSchema = z.strictObject({
  id: idSchema,
  workspaceId: idSchema,
  inboxId: idSchema,
  type: z.string().min(1),
  name: z.string().min(1).max(200),
  config: z.record(z.string(), z.unknown()),
  status: z.enum(['active', 'disconnected']),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** One connection of a channel adapter to an inbox. */
export type Channel = z.infer<typeof channelSchema>;

/** Input of `channels.connect`; `config` is validated by the adapter of `type`. */
export const connectChannelInput = z.strictObject({
  inboxId: idSchema,
  type: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  /** Plain JSON, at most 64 KB and 10 levels deep. */
  config: jsonObjectSchema().default({}),
});
/** Input of `channels.connect`. */
export type ConnectChannelInput = z.input<typeof connectChannelInput>;

/** Patch of `channels.update`: a new name and/or a config (validated again by the adapter). */
export const updateChannelInput = z.strictObject({ name: connectChannelInput.shape.name.optional(), config: jsonObjectSchema().optional() });
/** Patch of `channels.update`. */
export type UpdateChannelInput = z.input<typeof updateChannelInput>;

/** Query of `channels.list`: optionally the channels of one inbox. */
export const listChannelsQuery = pageQuerySchema.extend({ inboxId: idSchema.optional() });
/** Query of `channels.list`. */
export type ListChannelsQuery = z.input<typeof listChannelsQuery>;
