import { compileCondition, readsContact, type CompiledCondition } from './conditions.js';
import type { Targeting } from './schema.js';

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
  /** Include groups (OR of ANDs); empty means every page. */
  include: CompiledCondition[][];
  /** Exclude groups: any that matches vetoes the chatflow. */
  exclude: CompiledCondition[][];
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
 * parsing. Pure. Throws `VALIDATION` for a condition the chatflow schema would refuse.
 */
export function compileTargeting<T extends TargetedChatflow>(chatflows: readonly T[]): CompiledTargeting<T> {
  const compiled = [...chatflows].sort(byPriority).map((chatflow) => {
    const groups = (kind: 'include' | 'exclude') =>
      chatflow.targeting[kind].map((group, g) => group.map((c, i) => compileCondition(c, `targeting.${kind}[${g}][${i}]`)));
    return { chatflow, include: groups('include'), exclude: groups('exclude') };
  });
  const needsContact = chatflows.some(
    (c) => c.enabled && [...c.targeting.include, ...c.targeting.exclude].some((group) => group.some(readsContact)),
  );
  return { chatflows: compiled, needsContact };
}
