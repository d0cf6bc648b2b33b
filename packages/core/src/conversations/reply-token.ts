import type { Conversation } from '../domain/conversation.js';

/**
 * The public reply token of a conversation, `<conversationId>.<secret>`: channels embed it in
 * reply-to addresses (`reply+<token>@…`) so replies thread even without email headers.
 */
export function replyTokenFor(conversation: Conversation): string {
  return `${conversation.id}.${conversation.replyToken}`;
}

/** Splits a public reply token into conversation id and secret; `null` when malformed. */
export function parseReplyToken(token: string): { conversationId: string; secret: string } | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  return { conversationId: token.slice(0, dot), secret: token.slice(dot + 1) };
}

/** Constant-time comparison of two secrets. */
export function secretsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
