import type { FieldIssue } from '../errors/validation-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import { drainQueue, drainTargetSchema, type DrainTarget } from './drain-queue.js';
import { routingRuleInput, type RoutingRule, type RoutingRuleInput } from './routing-rule.js';

/** Automatic assignment of new conversations, one rule per channel. */
export interface RoutingApi {
  /**
   * Sets (creates or replaces) the routing rule of a channel. Targets must be users and teams
   * of the workspace; `requeueChatsOnAway` needs a `chat` channel and `onlyAvailable`.
   * Waiting conversations are then drained under the new rule. Admin only. `NOT_FOUND` when
   * the channel does not exist.
   */
  set(channelId: string, rule: RoutingRuleInput): Promise<RoutingRule>;
  /** The channel's rule, or `null` when it has none. `NOT_FOUND` when the channel does not exist (or is not visible). */
  get(channelId: string): Promise<RoutingRule | null>;
  /** Removes the channel's rule: new conversations stay unassigned. Admin only. Idempotent. */
  clear(channelId: string): Promise<void>;
  /**
   * Assigns waiting conversations now (all rules, or those `target` names) and returns how
   * many. The kit drains on its own when users become available, capacity frees up or working
   * hours start; call this after a restart (wake-up timers live in memory). Admin only.
   */
  drain(target?: DrainTarget): Promise<{ assigned: number }>;
}

async function unknownTargets(tx: StorageOperations, workspaceId: string, rule: RoutingRule): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [kind, ids] of [['user', rule.targets.users], ['team', rule.targets.teams]] as const) {
    const found = await Promise.all(ids.map((id) => tx.records.get(workspaceId, kind, id)));
    found.forEach((record, i) => {
      if (!record) issues.push({ path: `targets.${kind}s[${i}]`, message: `unknown ${kind} "${ids[i]}"` });
    });
  }
  return issues;
}

/** Builds the routing API of a scope. */
export function routingService(scope: Scope): RoutingApi {
  const { workspaceId, runtime } = scope;

  async function channelOf(tx: StorageOperations, channelId: string) {
    const channel = requireFound(await tx.records.get(workspaceId, 'channel', channelId), 'channel', channelId);
    await scope.access.requireInbox(channel.inboxId, 'channel', channelId, tx);
    return channel;
  }

  return {
    async set(channelId, input) {
      await scope.access.requireAdmin('configure routing');
      const parsed = parseInput(routingRuleInput, input, 'routing rule');
      return scope.mutate(async (tx, events) => {
        const channel = await channelOf(tx, channelId);
        const existing = await tx.records.get(workspaceId, 'routingRule', channelId);
        const now = runtime.clock.now();
        const rule: RoutingRule = {
          ...parsed,
          id: channelId,
          workspaceId,
          channelId,
          inboxId: channel.inboxId,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        const issues = await unknownTargets(tx, workspaceId, rule);
        if (rule.requeueChatsOnAway && (channel.type !== 'chat' || !rule.onlyAvailable)) {
          issues.push({ path: 'requeueChatsOnAway', message: 'needs a chat channel and onlyAvailable: true' });
        }
        if (issues.length > 0) throw new ValidationError('routing rule', issues);
        await tx.records.put('routingRule', rule);
        events.record('routing.rule.set', { channelId, inboxId: channel.inboxId, ruleId: rule.id, strategy: rule.strategy });
        return rule;
      });
    },
    async get(channelId) {
      await channelOf(scope.storage, channelId);
      return scope.storage.records.get(workspaceId, 'routingRule', channelId);
    },
    async clear(channelId) {
      await scope.access.requireAdmin('configure routing');
      await scope.mutate(async (tx, events) => {
        const channel = await channelOf(tx, channelId);
        if (await tx.records.delete(workspaceId, 'routingRule', channelId)) {
          events.record('routing.rule.cleared', { channelId, inboxId: channel.inboxId, ruleId: channelId });
        }
      });
    },
    async drain(target = {}) {
      await scope.access.requireAdmin('drain routing queues');
      const { assigned } = await drainQueue(scope, parseInput(drainTargetSchema, target, 'drain target'));
      return { assigned };
    },
  };
}
