import { compileCondition, conditionCost, readsContact, type CompiledCondition } from './conditions.js';
import { ValidationError } from '../../errors/validation-error.js';
import { patternBudgetIssue, type Targeting } from './schema.js';

/** The fields targeting reads from a chatflow; a stored `Chatflow` fits. */
export interface TargetedChatflow {
  /** Chatflow id (sortable: among equal priorities the older one wins). */
  id: string;
  /** Display name, for explanations. */
  name: string;
  /** Higher wins when several chatflows match a page. */
  priority: number;
  /** Disabled chatflows never match. */
  enabled: boolean;
  /** Where it shows. */
  targeting: Targeting;
}

/** One chatflow with its conditions compiled. */
export interface CompiledChatflow<T extends TargetedChatflow = TargetedChatflow> {
  /** The chatflow as given. */
  chatflow: T;
  /** Include groups (OR of ANDs), each in evaluation order; empty means every page. */
  include: CompiledCondition[][];
  /** Exclude groups, each in evaluation order: any that holds vetoes the chatflow. */
  exclude: CompiledCondition[][];
  /** The same groups with their conditions in written order, for explanations. */
  written: { include: CompiledCondition[][]; exclude: CompiledCondition[][] };
}

/** The chatflows of a channel, compiled once per change and evaluated on every `match`. */
export interface CompiledTargeting<T extends TargetedChatflow = TargetedChatflow> {
  /** Chatflows in evaluation order: priority descending, then id ascending (older first). */
  chatflows: CompiledChatflow<T>[];
  /** Whether some enabled chatflow reads the visitor's contact, so `match` must resolve it. */
  needsContact: boolean;
}

/** Evaluation order: the highest priority first; among equals the older (smaller id) first. */
export function byPriority(a: TargetedChatflow, b: TargetedChatflow): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Compiles the chatflows of one channel: orders them by priority and turns every condition into
 * a closure over pre-normalized values and pre-compiled patterns, so `matchChatflows` does no
 * parsing. Pure. Throws `VALIDATION` for a condition the chatflow schema would refuse, and for
 * patterns over `MAX_TARGETING_PATTERN_WEIGHT` together.
 */
export function compileTargeting<T extends TargetedChatflow>(chatflows: readonly T[]): CompiledTargeting<T> {
  const compiled = [...chatflows].sort(byPriority).map((chatflow) => {
    // The schema refuses this at save; checked again so no path compiles an unbounded set.
    const overBudget = patternBudgetIssue(chatflow.targeting);
    if (overBudget) throw new ValidationError('chatflow targeting', [{ path: `targeting.${overBudget.path.join('.')}`, message: overBudget.message }]);
    const written = (kind: 'include' | 'exclude') =>
      chatflow.targeting[kind].map((group, g) => group.map((c, index) => compileCondition(c, { path: `targeting.${kind}[${g}][${index}]`, index })));
    // AND commutes, so each group runs cheapest condition first (see `conditionCost`).
    const evaluation = (groups: CompiledCondition[][], kind: 'include' | 'exclude') =>
      groups.map((group, g) => {
        const cost = (c: CompiledCondition) => conditionCost(chatflow.targeting[kind][g]![c.index]!);
        return [...group].sort((a, b) => cost(a) - cost(b) || a.index - b.index);
      });
    const include = written('include');
    const exclude = written('exclude');
    return { chatflow, include: evaluation(include, 'include'), exclude: evaluation(exclude, 'exclude'), written: { include, exclude } };
  });
  const needsContact = chatflows.some(
    (c) => c.enabled && [...c.targeting.include, ...c.targeting.exclude].some((group) => group.some(readsContact)),
  );
  return { chatflows: compiled, needsContact };
}
