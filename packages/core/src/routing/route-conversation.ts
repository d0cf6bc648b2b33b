import type { Channel } from '../domain/channel.js';
import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import { InboxRouter, type RoutingOutcome } from './inbox-router.js';
import { routingTargetsSchema, type RoutingRule, type RoutingTargetsInput } from './routing-rule.js';

/** Why routing runs: a new conversation, a bot/form handoff, a release from spam, a move to another inbox, or the queue draining. */
export type RoutingTrigger = 'new' | 'handoff' | 'release' | 'move' | 'queue';

/** Options of `routeConversation`. */
export interface RouteOptions {
  /**
   * Route to these targets instead of the rule's (a chatflow handoff to a user or team). The
   * channel's rule still supplies strategy and limits; without a rule, `round-robin` over
   * available members.
   */
  targets?: RoutingTargetsInput;
  /** Recorded in the event's `reason`. Default `handoff` when `targets` are given, else `new`. */
  trigger?: RoutingTrigger;
  /** The conversation's channel as the caller has just read it (ingest), so the rule lookup does not read it again. */
  channel?: Pick<Channel, 'id' | 'inboxId'>;
  /** That channel's own rule as the caller has just read it (`null`: it has none), likewise. */
  rule?: RoutingRule | null;
}

// A handoff into a channel without a rule: hand out fairly, and never to someone who is away.
const HANDOFF_DEFAULTS: Omit<RoutingRule, 'id' | 'workspaceId' | 'channelId' | 'inboxId' | 'targets' | 'createdAt' | 'updatedAt'> = {
  strategy: 'round-robin',
  fallback: 'round-robin',
  onlyAvailable: true,
  capacity: null,
  requeueChatsOnAway: false,
};

/**
 * Records what routing did: `conversation.assigned` (actor: the rule) when the assignee or
 * team changed, and `routing.unassigned` (with who was skipped and why) when nobody got it.
 */
export function recordRouting(events: EventRecorder, before: Conversation, outcome: RoutingOutcome, rule: RoutingRule, trigger: RoutingTrigger): void {
  const after = outcome.conversation;
  if (after.assigneeId !== before.assigneeId || after.teamId !== before.teamId) {
    events.record('conversation.assigned', {
      conversationId: after.id,
      inboxId: after.inboxId,
      assigneeId: after.assigneeId,
      teamId: after.teamId,
      previousAssigneeId: before.assigneeId,
      previousTeamId: before.teamId,
      by: { type: 'rule', id: rule.id },
      reason: `${trigger}:${outcome.pick.via}`,
    });
  }
  if (outcome.pick.userId === null) {
    events.record('routing.unassigned', {
      conversationId: after.id,
      inboxId: after.inboxId,
      channelId: after.channelId,
      ruleId: rule.id,
      teamId: after.teamId,
      reason: outcome.pick.via === 'manual' ? 'manual' : outcome.noMembers ? 'no-members' : 'nobody-eligible',
      skipped: outcome.skipped,
    });
  }
}

/**
 * The routing rule of a conversation: its channel's rule while it is in that channel's inbox.
 * A conversation moved to another inbox keeps its channel (replies go out through it), but
 * that channel's rule hands out to the old inbox's people; it is routed instead by the rule of
 * the new inbox's oldest active channel of the same type that has one, like a message of that
 * type arriving there. `null` when there is none.
 */
export async function conversationRule(
  tx: StorageOperations,
  conversation: Conversation,
  known: Pick<RouteOptions, 'channel' | 'rule'> = {},
): Promise<RoutingRule | null> {
  const { workspaceId, inboxId } = conversation;
  const mine = known.channel?.id === conversation.channelId;
  const own = mine && known.rule !== undefined ? known.rule : await tx.records.get(workspaceId, 'routingRule', conversation.channelId);
  if (own?.inboxId === inboxId) return own;
  if (!own) {
    const channel = mine ? known.channel : await tx.records.get(workspaceId, 'channel', conversation.channelId);
    if (channel?.inboxId === inboxId) return null;
  }
  const channels = await tx.records.list(workspaceId, 'channel', { where: { inboxId, type: conversation.channelType, status: 'active' } });
  for (const channel of channels.items) {
    const rule = await tx.records.get(workspaceId, 'routingRule', channel.id);
    if (rule) return rule;
  }
  return null;
}

/**
 * Assigns a conversation by its routing rule (`conversationRule`), inside the caller's transaction, and
 * records what happened. Returns the conversation as it must be stored: the caller writes it
 * (ingest inserts it; a handoff updates it). Unchanged when there is no rule (and no
 * `targets` were given). Chatflow handoffs and form submissions call this too.
 */
export async function routeConversation(
  scope: Scope,
  tx: StorageOperations,
  events: EventRecorder,
  conversation: Conversation,
  contact: Contact | null,
  options: RouteOptions = {},
): Promise<Conversation> {
  const channelRule = await conversationRule(tx, conversation, options);
  const targets = options.targets ? routingTargetsSchema.parse(options.targets) : null;
  const now = scope.runtime.clock.now();
  const rule: RoutingRule | null = channelRule
    ? { ...channelRule, targets: targets ?? channelRule.targets }
    : targets
      ? {
          ...HANDOFF_DEFAULTS,
          targets,
          id: conversation.channelId,
          workspaceId: scope.workspaceId,
          channelId: conversation.channelId,
          inboxId: conversation.inboxId,
          createdAt: now,
          updatedAt: now,
        }
      : null;
  if (!rule) return conversation;
  const router = await InboxRouter.open(tx, scope.workspaceId, conversation.inboxId, now);
  if (!router) return conversation;
  const outcome = await router.route(conversation, contact, rule);
  await router.save();
  recordRouting(events, conversation, outcome, rule, options.trigger ?? (options.targets ? 'handoff' : 'new'));
  return outcome.conversation;
}

/**
 * The ingest hook: assigns a new conversation by its channel's rule inside the ingest
 * transaction. Returns the conversation as it must be stored and records
 * `conversation.assigned` / `routing.unassigned`.
 */
export async function routeNewConversation(
  scope: Scope,
  tx: StorageOperations,
  events: EventRecorder,
  conversation: Conversation,
  contact: Contact,
  known: Pick<RouteOptions, 'channel' | 'rule'> = {},
): Promise<Conversation> {
  return routeConversation(scope, tx, events, conversation, contact, { trigger: 'new', ...known });
}
