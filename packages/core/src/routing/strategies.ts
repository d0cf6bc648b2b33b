import type { FallbackStrategy, RoutingStrategy } from './routing-rule.js';

/** What a strategy decides from. */
export interface StrategyInput {
  /** The rule's strategy. */
  strategy: RoutingStrategy;
  /** What `contact-owner-first` does when the owner is not eligible. */
  fallback: FallbackStrategy;
  /** Eligible members, sorted by id (the rotation order). */
  eligible: readonly string[];
  /** The contact's owner, when `contact-owner-first` applies and the owner is eligible; else `null`. */
  eligibleOwnerId: string | null;
  /** Open conversations per eligible member (for `least-open`). */
  openCounts: ReadonlyMap<string, number>;
  /** The member the rule assigned last by rotation (`null`: never). */
  last: string | null;
}

/** A strategy's decision: who gets the conversation and how they were chosen. */
export type StrategyPick =
  | { userId: string; via: 'round-robin' | 'least-open' | 'contact-owner' }
  | { userId: null; via: 'manual' | 'nobody-eligible' };

/**
 * The member after `last` in id order, wrapping around. Keyed by id rather than by position
 * so that members joining, leaving or being skipped never make the rotation repeat or jump
 * over anyone else.
 */
export function nextInRotation(members: readonly string[], last: string | null): string | null {
  if (members.length === 0) return null;
  return (last === null ? undefined : members.find((id) => id > last)) ?? members[0]!;
}

/** Applies a rule's strategy. Pure: the caller supplies eligibility, counts and the rotation pointer. */
export function pickAssignee(input: StrategyInput): StrategyPick {
  const { strategy, eligible, last } = input;
  if (strategy === 'manual') return { userId: null, via: 'manual' };
  if (strategy === 'contact-owner-first') {
    if (input.eligibleOwnerId !== null) return { userId: input.eligibleOwnerId, via: 'contact-owner' };
    return pickAssignee({ ...input, strategy: input.fallback });
  }
  if (eligible.length === 0) return { userId: null, via: 'nobody-eligible' };
  if (strategy === 'round-robin') return { userId: nextInRotation(eligible, last)!, via: 'round-robin' };
  const fewest = Math.min(...eligible.map((id) => input.openCounts.get(id) ?? 0));
  const tied = eligible.filter((id) => (input.openCounts.get(id) ?? 0) === fewest);
  return { userId: nextInRotation(tied, last)!, via: 'least-open' };
}

/** Whether a pick moves the rotation pointer (picks by rotation do; the contact's owner does not). */
export function advancesRotation(pick: StrategyPick): pick is { userId: string; via: 'round-robin' | 'least-open' } {
  return pick.via === 'round-robin' || pick.via === 'least-open';
}
