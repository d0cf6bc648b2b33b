import { z } from 'zod';
import { EVENT_TYPES } from '../domain/event-types.js';

/**
 * What a webhook subscribes to: an event type (`message.received`), a prefix pattern
 * (`conversation.*`: every type starting with `conversation.`, at any depth), or `*` (all).
 * Names and patterns are checked against the built-in event types, so a typo fails at create.
 */
export const eventPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((pattern) => pattern === '*' || EVENT_TYPES.some((type) => matchesPattern(pattern, type)), {
    message: 'not an event type, or a pattern like "conversation.*" matching one',
  });

/** Whether event `type` matches one subscription `pattern`. */
export function matchesPattern(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
