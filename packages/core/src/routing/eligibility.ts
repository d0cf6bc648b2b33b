import { unavailableReason, workingHoursResumeAt, type UnavailableReason } from '../availability/user-availability.js';
import { teamMemberIds } from '../domain/membership.js';
import type { Team } from '../domain/team.js';
import type { User } from '../domain/user.js';
import type { RoutingTargets } from './routing-rule.js';

/** Why routing passed over a user. */
export type SkipReason = 'unknown-user' | 'not-inbox-member' | UnavailableReason | 'at-capacity';

/** A user routing passed over, and why. */
export interface SkippedUser {
  /** The user. */
  userId: string;
  /** Why they were passed over. */
  reason: SkipReason;
  /** For `outside-working-hours`: when their next working interval starts (`null` if none soon). */
  availableAt: number | null;
}

/** Everything eligibility depends on, read once per routing pass. */
export interface EligibilityContext {
  /** The inbox being routed in. */
  inboxId: string;
  /** Users who may see the inbox (direct and through teams). */
  inboxMembers: ReadonlySet<string>;
  /** The workspace's users by id. */
  users: ReadonlyMap<string, User>;
  /** Skip `away` users and users outside working hours. */
  onlyAvailable: boolean;
  /** The rule's per-member limit of open conversations in the inbox (`null`: none). */
  ruleCapacity: number | null;
  /** Open conversations per user in the inbox; must hold every user who has a limit. */
  openCounts: ReadonlyMap<string, number>;
  /** The instant routing happens at (the kit's clock). */
  at: number;
}

/** The users a rule targets, direct and through teams (sub-teams included), sorted by id. */
export function ruleMemberIds(targets: RoutingTargets, teams: readonly Team[]): string[] {
  const ids = new Set(targets.users);
  for (const teamId of targets.teams) for (const userId of teamMemberIds(teamId, teams)) ids.add(userId);
  // A stable order is what makes rotation fair: "the next member" must mean the same thing in every process.
  return [...ids].sort();
}

/** The team a rule assigns along with `userId`: the first target team they belong to, else `null`. */
export function teamOfMember(targets: RoutingTargets, userId: string, teams: readonly Team[]): string | null {
  return targets.teams.find((teamId) => teamMemberIds(teamId, teams).has(userId)) ?? null;
}

/** A user's limit of open conversations in an inbox: the lowest of the rule's and their own; `null` = unlimited. */
export function capacityLimit(user: User, inboxId: string, ruleCapacity: number | null): number | null {
  const own = user.capacity.inboxes[inboxId] ?? user.capacity.default;
  const limits = [own, ruleCapacity].filter((n): n is number => n !== null);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** Why `userId` cannot take a conversation now, or `null` when they can. */
export function skipReason(userId: string, ctx: EligibilityContext): SkipReason | null {
  const user = ctx.users.get(userId);
  if (!user) return 'unknown-user';
  if (!ctx.inboxMembers.has(userId)) return 'not-inbox-member';
  if (ctx.onlyAvailable) {
    const reason = unavailableReason(user, ctx.at);
    if (reason) return reason;
  }
  const limit = capacityLimit(user, ctx.inboxId, ctx.ruleCapacity);
  if (limit !== null && (ctx.openCounts.get(userId) ?? 0) >= limit) return 'at-capacity';
  return null;
}

/** Splits candidates into those who can take a conversation now (order kept) and those skipped, with reasons. */
export function checkEligibility(userIds: readonly string[], ctx: EligibilityContext): { eligible: string[]; skipped: SkippedUser[] } {
  const eligible: string[] = [];
  const skipped: SkippedUser[] = [];
  for (const userId of userIds) {
    const reason = skipReason(userId, ctx);
    if (reason === null) {
      eligible.push(userId);
      continue;
    }
    const user = ctx.users.get(userId);
    const availableAt = reason === 'outside-working-hours' && user ? workingHoursResumeAt(user, ctx.at) : null;
    skipped.push({ userId, reason, availableAt });
  }
  return { eligible, skipped };
}
