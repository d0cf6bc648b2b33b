import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import type { Conversation } from '../domain/conversation.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import { ruleMemberIds } from './eligibility.js';
import { InboxRouter } from './inbox-router.js';
import { recordRouting } from './route-conversation.js';
import type { RoutingRule } from './routing-rule.js';

/** Conversations assigned per transaction, so a long queue never holds the inbox lock for long. */
const BATCH = 50;
const PAGE = 500;

/** Which rules' queues to drain; all given filters must match. Empty: every rule of the workspace. */
export const drainTargetSchema = z
  .object({
    /** Rules this user may receive from (a member, or possibly a contact owner). */
    userId: idSchema.optional(),
    /** Rules routing into this inbox. */
    inboxId: idSchema.optional(),
    /** The rule of this channel. */
    channelId: idSchema.optional(),
  })
  .strict();
/** Which rules' queues to drain. */
export type DrainTarget = z.infer<typeof drainTargetSchema>;

/** What a drain did. */
export interface DrainResult {
  /** Conversations assigned. */
  assigned: number;
  /** Members outside working hours while conversations still wait, and when they start again: wake-up times. */
  resumeAt: Map<string, number>;
}

/**
 * The queue of a rule: open, non-spam conversations of its channel in its inbox without a
 * user, created since the rule exists (a backlog from before the rule is left to people),
 * oldest first. A conversation moved to another inbox is out of its channel's queue: that
 * rule hands out to the old inbox's people.
 * Only what ordering and the re-check need is kept: a long queue is many rows.
 */
async function waitingConversations(storage: StorageOperations, rule: RoutingRule): Promise<WaitingConversation[]> {
  const waiting: WaitingConversation[] = [];
  let cursor: string | null = null;
  do {
    const page = await storage.conversations.list(rule.workspaceId, {
      channelId: rule.channelId,
      inboxIds: [rule.inboxId],
      assigneeId: null,
      statuses: ['open'],
      spam: false,
      cursor,
      limit: PAGE,
    });
    for (const c of page.items) if (c.createdAt >= rule.createdAt) waiting.push({ id: c.id, createdAt: c.createdAt });
    cursor = page.nextCursor;
  } while (cursor);
  return waiting.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** A queued conversation as the drain orders it. */
type WaitingConversation = Pick<Conversation, 'id' | 'createdAt'>;

/** Rules of the workspace whose queue `target` concerns; `manual` rules never drain (people pick). */
async function rulesFor(scope: Scope, target: DrainTarget): Promise<RoutingRule[]> {
  const { workspaceId, storage } = scope;
  const [rules, teams] = await Promise.all([storage.records.list(workspaceId, 'routingRule'), storage.records.list(workspaceId, 'team')]);
  return rules.items.filter(
    (rule) =>
      rule.strategy !== 'manual' &&
      (!target.channelId || rule.channelId === target.channelId) &&
      (!target.inboxId || rule.inboxId === target.inboxId) &&
      (!target.userId || rule.strategy === 'contact-owner-first' || ruleMemberIds(rule.targets, teams.items).includes(target.userId)),
  );
}

/**
 * Assigns one batch of a rule's queue in one transaction holding the inbox's routing lock:
 * each conversation is read again under the lock, and skipped when it was taken, closed or
 * marked spam since the queue was read. `more` is false when nobody is eligible any more
 * (or the rule is gone): the rest of the queue would wait too.
 */
async function drainBatch(scope: Scope, ruleId: string, batch: WaitingConversation[], resumeAt: Map<string, number>): Promise<{ assigned: number; more: boolean }> {
  const { workspaceId } = scope;
  return scope.mutate(async (tx, events) => {
    const rule = await tx.records.get(workspaceId, 'routingRule', ruleId);
    if (!rule || rule.strategy === 'manual') return { assigned: 0, more: false };
    const router = await InboxRouter.open(tx, workspaceId, rule.inboxId, scope.runtime.clock.now());
    if (!router) return { assigned: 0, more: false };
    let assigned = 0;
    let more = true;
    for (const waiting of batch) {
      const current = await tx.conversations.get(workspaceId, waiting.id, { lock: true });
      if (!current || current.assigneeId !== null || current.status !== 'open' || current.spam || current.inboxId !== rule.inboxId) continue;
      const contact = rule.strategy === 'contact-owner-first' ? await tx.contacts.get(workspaceId, current.contactId) : null;
      const outcome = await router.route(current, contact, rule);
      if (outcome.pick.userId === null) {
        for (const s of outcome.skipped) if (s.availableAt !== null) resumeAt.set(s.userId, s.availableAt);
        // Without a contact owner in play, nobody eligible now means nobody for the rest either.
        if (rule.strategy !== 'contact-owner-first') {
          more = false;
          break;
        }
        continue;
      }
      await tx.conversations.update(outcome.conversation);
      recordRouting(events, current, outcome, rule, 'queue');
      assigned++;
    }
    await router.save();
    return { assigned, more };
  });
}

/**
 * Drains one rule's queue. The queue is read once per pass, outside the lock, and handed
 * out in batches: each batch transaction reads only its own conversations, so a drain is
 * linear in the queue (re-reading and sorting the whole queue for every batch made it
 * quadratic). A pass that assigned something is followed by another for conversations
 * that started waiting meanwhile; those seen once are not offered again.
 */
async function drainRule(scope: Scope, rule: RoutingRule, result: DrainResult): Promise<void> {
  const offered = new Set<string>();
  for (;;) {
    const queue = (await waitingConversations(scope.storage, rule)).filter((c) => !offered.has(c.id));
    let assignedInPass = 0;
    for (let at = 0; at < queue.length; at += BATCH) {
      const batch = queue.slice(at, at + BATCH);
      for (const c of batch) offered.add(c.id);
      const outcome = await drainBatch(scope, rule.id, batch, result.resumeAt);
      result.assigned += outcome.assigned;
      assignedInPass += outcome.assigned;
      if (!outcome.more) return;
    }
    if (assignedInPass === 0) return;
  }
}

/**
 * Drains routing queues: waiting conversations of the matching rules are assigned to eligible
 * members, oldest first, until nobody is eligible (everyone away, outside hours or at
 * capacity). Each batch is one transaction holding the inbox's routing lock, so drains in
 * several processes never double-assign. The kit runs it automatically (see
 * `createRoutingAutomation`); hosts can call `ws.routing.drain()` after a restart.
 */
export async function drainQueue(scope: Scope, target: DrainTarget = {}): Promise<DrainResult> {
  const result: DrainResult = { assigned: 0, resumeAt: new Map() };
  for (const rule of await rulesFor(scope, target)) await drainRule(scope, rule, result);
  return result;
}

/**
 * Returns the open chat conversations of a user who went away to the queue, for rules with
 * `requeueChatsOnAway`: the user is removed (the team stays) and `conversation.assigned`
 * is recorded with the rule as actor. Returns how many were requeued; draining them to
 * others is the automation's next step.
 */
export async function requeueChatsOfAwayUser(scope: Scope, userId: string): Promise<number> {
  const { workspaceId } = scope;
  const rules = (await rulesFor(scope, { userId })).filter((r) => r.requeueChatsOnAway);
  let requeued = 0;
  for (const rule of rules) {
    requeued += await scope.mutate(async (tx, events) => {
      const user = await tx.records.get(workspaceId, 'user', userId);
      if (!user || user.availability !== 'away') return 0; // came back meanwhile
      const page = await tx.conversations.list(workspaceId, { channelId: rule.channelId, channelType: 'chat', assigneeId: userId, statuses: ['open'], limit: 500 });
      let count = 0;
      for (const listed of page.items) {
        const current = await tx.conversations.get(workspaceId, listed.id, { lock: true });
        if (!current || current.assigneeId !== userId || current.status !== 'open') continue;
        const next: Conversation = { ...current, assigneeId: null, updatedAt: scope.runtime.clock.now() };
        await tx.conversations.update(next);
        events.record('conversation.assigned', {
          conversationId: current.id,
          inboxId: current.inboxId,
          assigneeId: null,
          teamId: current.teamId,
          previousAssigneeId: userId,
          previousTeamId: current.teamId,
          by: { type: 'rule', id: rule.id },
          reason: 'requeue:away',
        });
        count++;
      }
      return count;
    });
  }
  return requeued;
}
