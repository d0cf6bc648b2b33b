import type { Conversation } from '@inboxkit/core';
import { compareStrings } from './compare.js';

/** The fields the conversation list order reads; a list cursor decodes to one. */
export type ActivityKey = Pick<Conversation, 'lastMessageAt' | 'id'>;

/** The conversation list order: newest activity first, `(lastMessageAt desc, id desc)`. */
export function byActivity(a: ActivityKey, b: ActivityKey): number {
  if (a.lastMessageAt !== b.lastMessageAt) return b.lastMessageAt - a.lastMessageAt;
  return compareStrings(b.id, a.id);
}
