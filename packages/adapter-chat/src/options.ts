import { parseInput } from '@inboxkit/core';
import { z } from 'zod';

/** Options of `chatChannel`. Every limit has a default; all are per process. */
export const chatChannelOptionsSchema = z.strictObject({
  /** Path prefix of every route (`/support` → `/support/widget.js`). Default: none. */
  basePath: z
    .string()
    .regex(/^(\/[\w.~-]+)*$/, 'a path like /support, without a trailing slash')
    .default(''),
  /** Longest visitor message, in characters. Default 5000. */
  maxMessageLength: z.number().int().min(1).max(100_000).default(5000),
  /** Messages a visitor may send in a burst. Default 10. */
  messageBurst: z.number().int().min(1).max(1000).default(10),
  /** Sustained messages per visitor per minute. Default 30. */
  messagesPerMinute: z.number().int().min(1).max(10_000).default(30),
  /** Open WebSockets per client IP. Default 20. */
  maxConnectionsPerIp: z.number().int().min(1).max(100_000).default(20),
  /** Server ping interval; a socket that missed a whole interval is closed. Default 25 000 ms. */
  heartbeatMs: z.number().int().min(100).max(600_000).default(25_000),
  /**
   * The client IP for the per-IP limit. Only the host knows its proxies: return the address
   * your proxy reports (`x-forwarded-for` from a trusted hop). Default: the socket's address.
   */
  clientIp: z.custom<(request: Request, remoteAddress: string | null) => string>((v) => typeof v === 'function').optional(),
  /** The widget script to serve at `/widget.js`. Default: the one built with this package (`dist/widget.js`). */
  widgetScript: z.string().min(1).optional(),
});

/** Options of `chatChannel`. */
export type ChatChannelOptions = z.input<typeof chatChannelOptionsSchema>;
/** Parsed options. */
export type ParsedChatOptions = z.output<typeof chatChannelOptionsSchema>;

/** Validates `chatChannel` options; `VALIDATION` naming the field. */
export function parseChatOptions(options: unknown): ParsedChatOptions {
  return parseInput(chatChannelOptionsSchema, options ?? {}, 'chat channel options');
}
