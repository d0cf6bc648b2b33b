import { intersects } from './char-set.js';
import { firstSet } from './first-set.js';
import type { RegexNode } from './parse.js';

function children(node: RegexNode): RegexNode[] {
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'alt') return node.options;
  if (node.kind === 'repeat') return [node.body];
  return [];
}

/** Every node under `node`, depth first. */
function* descendants(node: RegexNode): Generator<RegexNode> {
  for (const child of children(node)) {
    yield child;
    yield* descendants(child);
  }
}

/** Alternatives a backtracking engine could both try at the same position. */
function ambiguousAlternation(alt: Extract<RegexNode, { kind: 'alt' }>): boolean {
  const firsts = alt.options.map(firstSet);
  if (firsts.some((f) => f.nullable)) return true;
  return firsts.some((a, i) => firsts.slice(i + 1).some((b) => intersects(a.set, b.set)));
}

/** A quantifier whose count varies (`*`, `+`, `?`, `{2,5}`): the source of backtracking. */
const isVariableRepeat = (node: RegexNode): boolean => node.kind === 'repeat' && node.max !== node.min;

/**
 * Finds the part of a pattern that makes a backtracking engine (a browser's, most servers')
 * take exponential time, or `null`. Two shapes cause it, both inside a repeated group:
 * a nested quantifier of variable count (`(a+)+`, `(\w*\.)*`), and alternatives that can start
 * with the same character or match nothing (`(a|ab)*`, `(\d|\w)+`). The check is conservative:
 * it also rejects a few patterns a backtracking engine happens to survive, never the reverse.
 */
export function exponentialBacktracking(root: RegexNode, pattern: string): string | null {
  for (const node of [root, ...descendants(root)]) {
    if (node.kind !== 'repeat' || node.max <= 1) continue;
    const quoted = `"${pattern.slice(node.start, node.end)}"`;
    for (const inner of descendants(node)) {
      if (isVariableRepeat(inner)) {
        return `${quoted} repeats a group that contains another quantifier ("${pattern.slice(inner.start, inner.end)}"), which can backtrack exponentially`;
      }
      if (inner.kind === 'alt' && ambiguousAlternation(inner)) {
        return `${quoted} repeats alternatives that can match the same text ("${pattern.slice(inner.start, inner.end)}"), which can backtrack exponentially`;
      }
    }
  }
  return null;
}

/**
 * Whether a backtracking engine runs the pattern in time linear in the input: with no
 * variable-count quantifier and no ambiguous alternation, each start position tries each
 * part of the pattern at most once. Such patterns may use the native `RegExp`, which is faster.
 */
export function backtracksLinearly(root: RegexNode): boolean {
  for (const node of [root, ...descendants(root)]) {
    if (isVariableRepeat(node) || (node.kind === 'alt' && ambiguousAlternation(node))) return false;
  }
  return true;
}
