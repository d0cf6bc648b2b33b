import { union, type CharSet } from './char-set.js';
import type { RegexNode } from './parse.js';

/** What a node can start with: its first code units, and whether it can match the empty string. */
export interface FirstSet {
  /** Code units a match of the node can begin with. */
  set: CharSet;
  /** Whether the node can match the empty string. */
  nullable: boolean;
}

/** The first set of a node (assertions are treated as empty: they read nothing). */
export function firstSet(node: RegexNode): FirstSet {
  switch (node.kind) {
    case 'chars':
      return { set: node.set, nullable: false };
    case 'assert':
      return { set: [], nullable: true };
    case 'repeat': {
      const body = firstSet(node.body);
      return { set: body.set, nullable: body.nullable || node.min === 0 };
    }
    case 'alt': {
      const options = node.options.map(firstSet);
      return { set: union(...options.map((o) => o.set)), nullable: options.some((o) => o.nullable) };
    }
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        const f = firstSet(item);
        sets.push(f.set);
        if (!f.nullable) return { set: union(...sets), nullable: false };
      }
      return { set: union(...sets), nullable: true };
    }
  }
}
