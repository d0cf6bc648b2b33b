import { z } from 'zod';
import { idSchema, timestampSchema } from './common.js';

/** One connection of a channel adapter to an inbox. `config` holds secret references, never secrets. */
export const channelSchema = z.object({
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
export const connectChannelInput = z.object({
  inboxId: idSchema,
  type: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  config: z.record(z.string(), z.unknown()).default({}),
});
/** Input of `channels.connect`. */
export type ConnectChannelInput = z.input<typeof connectChannelInput>;
