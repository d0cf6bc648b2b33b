import type { RegexNode } from './parse.js';

/** Weights above this are all "too large"; keeps nested counts (`(a{1000}){1000}`) from overflowing. */
const CEILING = 1_000_000;

/**
 * The work a pattern costs per input character, in states: the size of its program once
 * counted repeats are expanded. The linear engine visits at most this many states per
 * character, and a pattern without variable quantifiers (run natively) tries at most this many
 * characters per start position, so testing an input of `n` characters costs O(n × weight).
 */
export function patternWeight(node: RegexNode): number {
  let weight: number;
  switch (node.kind) {
    case 'chars':
    case 'assert':
      return 1;
    case 'seq':
      weight = node.items.reduce((sum, item) => sum + patternWeight(item), 0);
      break;
    case 'alt':
      weight = node.options.reduce((sum, option) => sum + patternWeight(option), 0) + node.options.length - 1;
      break;
    case 'repeat': {
      const body = patternWeight(node.body);
      weight = node.max === Infinity ? body * Math.max(node.min, 1) + 2 : body * node.max + (node.max - node.min);
      break;
    }
  }
  return Math.min(weight, CEILING);
}
