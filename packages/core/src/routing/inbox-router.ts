import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { Inbox } from '../domain/inbox.js';
import { inboxMemberIds } from '../domain/membership.js';
import type { Team } from '../domain/team.js';
import type { User } from '../domain/user.js';
import type { StorageOperations } from '../storage/storage.js';
import { capacityLimit, checkEligibility, ruleMemberIds, skipReason, teamOfMember, type EligibilityContext, type SkippedUser } from './eligibility.js';
import type { RoutingRule } from './routing-rule.js';
import { advancesRotation, pickAssignee, type StrategyPick } from './strategies.js';

/** Per-inbox routing state: the rotation pointer of each rule routing into the inbox. */
interface RoutingState {
  last: Record<string, string>;
}

/** The state key of an inbox's routing (one row lock per inbox). */
export function routingStateKey(inboxId: string): string {
  return `routing:${inboxId}`;
}

/** What routing decided for one conversation. */
export interface RoutingOutcome {
  /** The conversation with its new assignee and team (not stored yet). */
  conversation: Conversation;
  /** Who was picked, and how. */
  pick: StrategyPick;
  /** Members passed over, and why. */
  skipped: SkippedUser[];
  /** True when no target of the rule is an existing member of the inbox. */
  noMembers: boolean;
}

/**
 * Routing inside one transaction for one inbox. Opening it takes the inbox's routing lock,
 * so routers in concurrent transactions (other ingests, other processes) take turns: each
 * reads the rotation pointer and the open counts the previous one committed, and moves the
 * pointer in the same transaction as its assignment. That is what keeps round-robin fair
 * and capacity exact under concurrency. One router can route many conversations (the queue
 * drain); it keeps its open counts current as it assigns.
 */
export class InboxRouter {
  private readonly openCounts = new Map<string, number>();
  private dirty = false;

  private constructor(
    private readonly tx: StorageOperations,
    private readonly inbox: Inbox,
    private readonly teams: Team[],
    private readonly users: Map<string, User>,
    private readonly members: Set<string>,
    private readonly state: RoutingState,
    private readonly now: number,
  ) {}

  /** Takes the inbox's routing lock and reads what routing needs; `null` when the inbox is gone. */
  static async open(tx: StorageOperations, workspaceId: string, inboxId: string, now: number): Promise<InboxRouter | null> {
    // The lock comes first: counts read after it include every assignment committed before it.
    const state = (await tx.state.get<RoutingState>(workspaceId, routingStateKey(inboxId), { lock: true })) ?? { last: {} };
    const [inbox, teams, users] = await Promise.all([
      tx.records.get(workspaceId, 'inbox', inboxId),
      tx.records.list(workspaceId, 'team'),
      tx.records.list(workspaceId, 'user'),
    ]);
    if (!inbox) return null;
    const members = inboxMemberIds(inbox, teams.items);
    return new InboxRouter(tx, inbox, teams.items, new Map(users.items.map((u) => [u.id, u])), members, state, now);
  }

  /** Decides the assignee of `conversation` by `rule` (without storing it); see `RoutingOutcome`. */
  async route(conversation: Conversation, contact: Contact | null, rule: RoutingRule): Promise<RoutingOutcome> {
    const memberIds = ruleMemberIds(rule.targets, this.teams);
    const ownerId = rule.strategy === 'contact-owner-first' ? (contact?.ownerId ?? null) : null;
    await this.loadCounts(rule, ownerId ? [...memberIds, ownerId] : memberIds);
    const ctx: EligibilityContext = {
      inboxId: this.inbox.id,
      inboxMembers: this.members,
      users: this.users,
      onlyAvailable: rule.onlyAvailable,
      ruleCapacity: rule.capacity,
      openCounts: this.openCounts,
      at: this.now,
    };
    const { eligible, skipped } = checkEligibility(memberIds, ctx);
    const pick = pickAssignee({
      strategy: rule.strategy,
      fallback: rule.fallback,
      eligible,
      eligibleOwnerId: ownerId !== null && skipReason(ownerId, ctx) === null ? ownerId : null,
      openCounts: this.openCounts,
      last: this.state.last[rule.id] ?? null,
    });
    if (advancesRotation(pick)) {
      this.state.last[rule.id] = pick.userId;
      this.dirty = true;
    }
    const teamId = pick.userId ? teamOfMember(rule.targets, pick.userId, this.teams) : (rule.targets.teams[0] ?? null);
    if (pick.userId && conversation.status === 'open' && conversation.assigneeId !== pick.userId) {
      this.openCounts.set(pick.userId, (this.openCounts.get(pick.userId) ?? 0) + 1);
    }
    const noMembers = !memberIds.some((id) => this.users.has(id) && this.members.has(id));
    const next: Conversation = { ...conversation, assigneeId: pick.userId, teamId, updatedAt: this.now };
    return { conversation: next, pick, skipped, noMembers };
  }

  /** Stores the moved rotation pointers (in the same transaction as the assignments). */
  async save(): Promise<void> {
    if (this.dirty) await this.tx.state.put(this.inbox.workspaceId, routingStateKey(this.inbox.id), this.state);
    this.dirty = false;
  }

  /** Counts open conversations for the users a decision may depend on, once per router. */
  private async loadCounts(rule: RoutingRule, userIds: string[]): Promise<void> {
    const byLoad = rule.strategy === 'least-open' || (rule.strategy === 'contact-owner-first' && rule.fallback === 'least-open');
    const missing = userIds.filter((id) => {
      const user = this.users.get(id);
      if (!user || this.openCounts.has(id)) return false;
      return byLoad || capacityLimit(user, this.inbox.id, rule.capacity) !== null;
    });
    const counts = await Promise.all(
      missing.map((assigneeId) =>
        this.tx.conversations.count(this.inbox.workspaceId, { assigneeId, statuses: ['open'], inboxIds: [this.inbox.id], spam: false }),
      ),
    );
    missing.forEach((id, i) => this.openCounts.set(id, counts[i]!));
  }
}
