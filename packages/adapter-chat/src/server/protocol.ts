import { z } from 'zod';
import type { AgentTyping, ChatMessage } from '../widget/types.js';

/**
 * The widget ↔ server WebSocket protocol: JSON text frames. The first client frame is
 * `hello`; everything else is refused until it is accepted with `welcome`.
 */
export const helloFrame = z.strictObject({
  type: z.literal('hello'),
  /** The browser's anonymous visitor id (random, kept in localStorage). */
  visitorId: z.string().regex(/^[\w-]{16,100}$/, 'a random id of 16–100 letters, digits, _ or -'),
  /** The host's identity token (`createIdentityToken`), for a signed-in visitor. */
  identityToken: z.string().min(1).max(4096).optional(),
  /** An email the visitor typed (offline capture): kept as an unverified claim, never trusted. */
  claimedEmail: z.email().max(320).optional(),
  /** The page the widget runs on. */
  pageUrl: z.string().max(2000).optional(),
  /** The chatflow the widget shows (from `/chat/match`): its bot runs for a new conversation. */
  chatflowId: z.string().min(1).max(100).optional(),
  /** The last message id the widget has shown: everything after it is sent again, in order. `null`: all. */
  resume: z.string().min(1).max(100).nullable().default(null),
});

/** Client frames after `hello`. */
export const clientFrame = z.discriminatedUnion('type', [
  /** A visitor message; `clientId` makes a resend after a reconnect a no-op. */
  z.strictObject({ type: z.literal('message'), clientId: z.string().regex(/^[\w-]{1,100}$/), text: z.string().min(1) }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  /** The visitor has seen every message up to this one. */
  z.strictObject({ type: z.literal('read'), messageId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('ping') }),
]);
/** A client frame after `hello`. */
export type ClientFrame = z.infer<typeof clientFrame>;

/**
 * A message as the widget shows it: text only, the author's display name, never internal notes.
 * The shape is the widget's `ChatMessage` (the browser bundle keeps its own types file, free of Node code).
 */
export type WireMessage = { type: 'message' } & ChatMessage;

/** Server frames. */
export type ServerFrame =
  | { type: 'welcome'; conversationId: string | null; verified: boolean; email: string | null }
  | WireMessage
  | ({ type: 'typing' } & AgentTyping)
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };
