import type { EventRecorder } from '../events/event-recorder.js';
import type { StorageOperations } from '../storage/storage.js';
import type { RoutingRule } from './routing-rule.js';

/**
 * Removes a deleted user or team from every routing rule's targets, in the caller's
 * transaction. A rule left with no target is cleared (`routing.rule.cleared`): its new
 * conversations stay unassigned, as without a rule. Others are saved (`routing.rule.set`).
 */
export async function dropRoutingTarget(
  tx: StorageOperations,
  events: EventRecorder,
  workspaceId: string,
  target: { kind: 'users' | 'teams'; id: string },
  now: number,
): Promise<void> {
  for (const rule of (await tx.records.list(workspaceId, 'routingRule')).items) {
    if (!rule.targets[target.kind].includes(target.id)) continue;
    const targets = { ...rule.targets, [target.kind]: rule.targets[target.kind].filter((id) => id !== target.id) };
    const ids = { channelId: rule.channelId, inboxId: rule.inboxId, ruleId: rule.id };
    if (targets.users.length + targets.teams.length === 0) {
      await tx.records.delete(workspaceId, 'routingRule', rule.id);
      events.record('routing.rule.cleared', ids);
      continue;
    }
    const next: RoutingRule = { ...rule, targets, updatedAt: now };
    await tx.records.put('routingRule', next);
    events.record('routing.rule.set', { ...ids, strategy: next.strategy });
  }
}
