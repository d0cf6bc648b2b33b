import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/common.js';

/**
 * How a rule picks an assignee among its eligible members:
 * - `round-robin`: fair rotation (the member after the last one assigned, by user id).
 * - `least-open`: the member with the fewest open conversations in the inbox; ties by rotation.
 * - `contact-owner-first`: the contact's owner when eligible, else the rule's `fallback`.
 * - `manual`: nobody; the conversation goes to the rule's team for people to pick.
 */
export const routingStrategySchema = z.enum(['round-robin', 'least-open', 'contact-owner-first', 'manual']);
/** How a rule picks an assignee. */
export type RoutingStrategy = z.infer<typeof routingStrategySchema>;

/** Strategies a `contact-owner-first` rule can fall back to. */
export const fallbackStrategySchema = z.enum(['round-robin', 'least-open', 'manual']);
/** Strategies a `contact-owner-first` rule can fall back to. */
export type FallbackStrategy = z.infer<typeof fallbackStrategySchema>;

/** Who a rule routes to: users directly and teams (with their sub-teams' members). */
export const routingTargetsSchema = z.strictObject({
  users: z.array(idSchema).default([]),
  teams: z.array(idSchema).default([]),
});
/** Who a rule routes to. */
export type RoutingTargets = z.infer<typeof routingTargetsSchema>;
/** Who a rule routes to, as given (either list may be left out). */
export type RoutingTargetsInput = z.input<typeof routingTargetsSchema>;

/** Input of `routing.set(channelId, rule)`. */
export const routingRuleInput = z.strictObject({
  targets: routingTargetsSchema.refine((t) => t.users.length + t.teams.length > 0, {
    message: 'name at least one user or team',
    path: ['users'],
  }),
  strategy: routingStrategySchema,
  /** Used by `contact-owner-first` when the owner is not eligible. Default `round-robin`. */
  fallback: fallbackStrategySchema.default('round-robin'),
  /** Skip users who are `away` or outside their working hours. Default `false`. */
  onlyAvailable: z.boolean().default(false),
  /**
   * Max open conversations per member in this inbox (`null`: no rule limit). A user's own
   * `capacity` applies too; the lower limit wins.
   */
  capacity: z.number().int().positive().nullable().default(null),
  /** When a member sets themselves `away`, their open *chat* conversations return to the queue. Default `false`. */
  requeueChatsOnAway: z.boolean().default(false),
});
/** Input of `routing.set`. */
export type RoutingRuleInput = z.input<typeof routingRuleInput>;

/**
 * The routing rule of one channel: how its new conversations are assigned. A channel has at
 * most one rule, so the rule's `id` is its channel's id.
 */
export const routingRuleSchema = routingRuleInput.extend({
  id: idSchema,
  workspaceId: idSchema,
  channelId: idSchema,
  /** The channel's inbox (denormalized: capacity and the queue are per inbox). */
  inboxId: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** The routing rule of one channel. */
export type RoutingRule = z.infer<typeof routingRuleSchema>;
