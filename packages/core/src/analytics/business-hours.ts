import type { Conversation } from '../domain/conversation.js';
import type { WorkingHours } from '../domain/working-hours.js';
import type { BusinessHours } from '../storage/analytics-store.js';

/** The working hours one conversation's business-hours figures count, and a key naming them. */
export interface HoursProfile {
  /** `user:<id>` or `inbox:<id>`: conversations with the same key share the hours. */
  key: string;
  /** The hours. */
  hours: WorkingHours;
}

/**
 * Whose working hours count for a conversation: its current assignee's when they have some,
 * else its inbox's when given, else none (`null`: every hour counts).
 */
export function hoursProfileOf(businessHours: BusinessHours, conversation: Pick<Conversation, 'assigneeId' | 'inboxId'>): HoursProfile | null {
  const { assigneeId, inboxId } = conversation;
  // `Object.hasOwn`: ids are user input, and `constructor` must not find Object.prototype's.
  if (assigneeId !== null && Object.hasOwn(businessHours.users, assigneeId)) {
    return { key: `user:${assigneeId}`, hours: businessHours.users[assigneeId]! };
  }
  if (Object.hasOwn(businessHours.inboxes, inboxId)) return { key: `inbox:${inboxId}`, hours: businessHours.inboxes[inboxId]! };
  return null;
}
