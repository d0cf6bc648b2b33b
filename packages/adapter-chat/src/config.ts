import { parseInput } from '@inboxkit/core';
import { z } from 'zod';

/** A page origin, `scheme://host[:port]`, normalized (lower-case, no default port, no path). */
const originSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an http(s) origin like https://shop.example.com` });
      return z.NEVER;
    }
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: `"${value}" must be an origin only (no path, query or credentials)` });
      return z.NEVER;
    }
    return url.origin;
  });

/**
 * Config of one chat channel. `allowedOrigins` lists the sites that may embed the widget
 * (CORS and WebSocket `Origin` are checked against it); `identitySecretRef` names the host
 * secret that signs identity tokens; `requireVerifiedIdentity` refuses visitors without one.
 */
export const chatChannelConfigSchema = z
  .strictObject({
    allowedOrigins: z.array(originSchema).min(1).max(100),
    identitySecretRef: z.string().min(1).max(200).optional(),
    requireVerifiedIdentity: z.boolean().default(false),
  })
  .superRefine((config, ctx) => {
    if (config.requireVerifiedIdentity && !config.identitySecretRef) {
      ctx.addIssue({ code: 'custom', path: ['identitySecretRef'], message: 'requireVerifiedIdentity needs an identitySecretRef to verify tokens with' });
    }
  });

/** A parsed chat channel config. */
export type ChatChannelConfig = z.output<typeof chatChannelConfigSchema>;

/** Validates a chat channel config; `VALIDATION` naming the field (`allowedOrigins[0]`). */
export function parseChatConfig(config: unknown): ChatChannelConfig {
  return parseInput(chatChannelConfigSchema, config, 'chat channel config');
}
