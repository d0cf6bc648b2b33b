import { inboxMemberIds, isTeamWithin } from '../domain/membership.js';
import type { User } from '../domain/user.js';
import { lockDirectory } from '../permissions/directory-lock.js';
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

/** Targets that are unknown, or cannot see the rule's inbox (a user not a member; a team neither a member nor inside one). */
async function targetIssues(tx: StorageOperations, rule: RoutingRule): Promise<FieldIssue[]> {
  const { workspaceId } = rule;
  // One query at a time: a transaction is one connection.
  const inbox = await tx.records.get(workspaceId, 'inbox', rule.inboxId);
  const teams = await tx.records.list(workspaceId, 'team');
  const members = inbox ? inboxMemberIds(inbox, teams.items) : new Set<string>();
  const memberTeams = inbox?.members.teams ?? [];
  const issues: FieldIssue[] = [];
  const users: Array<User | null> = [];
  for (const id of rule.targets.users) users.push(await tx.records.get(workspaceId, 'user', id));
  rule.targets.users.forEach((id, i) => {
    const path = `targets.users[${i}]`;
    if (!users[i]) issues.push({ path, message: `unknown user "${id}"` });
    else if (!members.has(id)) issues.push({ path, message: `user "${id}" cannot see the inbox; add them to its members first` });
  });
  rule.targets.teams.forEach((id, i) => {
    const path = `targets.teams[${i}]`;
    if (!teams.items.some((t) => t.id === id)) issues.push({ path, message: `unknown team "${id}"` });
    else if (!memberTeams.some((memberTeam) => isTeamWithin(id, memberTeam, teams.items))) {
      issues.push({ path, message: `team "${id}" cannot see the inbox; add it (or a parent team) to its members first` });
    }
  });
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
        await lockDirectory(tx, workspaceId);
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
        const issues = await targetIssues(tx, rule);
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
