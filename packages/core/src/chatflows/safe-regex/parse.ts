import { DIGIT, DOT, SPACE, WORD, charSet, complement, union, unit, type CharSet } from './char-set.js';

/** Where a node sits in the pattern, for messages that quote the offending part. */
interface Span {
  start: number;
  end: number;
}

type NodeBody =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; options: RegexNode[] }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number }
  | { kind: 'assert'; assertion: 'start' | 'end' | 'word' | 'notWord' };

/** The parsed form of a pattern: only what a boolean match needs (groups are transparent). */
export type RegexNode = Span & NodeBody;

/** A pattern the safe engine cannot take; `message` says why. */
export class UnsupportedPattern extends Error {}

const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const CONTROL_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, f: 0x0c };
const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;

/**
 * Parses a JavaScript pattern (no flags, Annex B syntax, as `new RegExp(pattern)` reads it) that
 * is already known to be valid. Throws `UnsupportedPattern` for backreferences and lookarounds,
 * which no linear-time engine can evaluate.
 */
export function parseRegex(pattern: string): RegexNode {
  let pos = 0;
  const peek = () => pattern[pos];

  function alternation(): RegexNode {
    const start = pos;
    const options = [sequence()];
    while (peek() === '|') {
      pos++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options, start, end: pos };
  }

  function sequence(): RegexNode {
    const start = pos;
    const items: RegexNode[] = [];
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') items.push(quantified(atom()));
    return items.length === 1 ? items[0]! : { kind: 'seq', items, start, end: pos };
  }

  function quantified(body: RegexNode): RegexNode {
    const c = peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else {
      const m = c === '{' ? QUANTIFIER.exec(pattern.slice(pos)) : null;
      if (!m) return body;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      pos += m[0].length - 1;
    }
    pos++;
    if (peek() === '?') pos++; // laziness changes which match is found, never whether one is
    return { kind: 'repeat', body, min, max, start: body.start, end: pos };
  }

  function atom(): RegexNode {
    const start = pos;
    const c = pattern[pos++]!;
    const node = (body: NodeBody): RegexNode => ({ ...body, start, end: pos });
    switch (c) {
      case '(':
        return group(start);
      case '[':
        return node({ kind: 'chars', set: characterClass() });
      case '.':
        return node({ kind: 'chars', set: DOT });
      case '^':
        return node({ kind: 'assert', assertion: 'start' });
      case '$':
        return node({ kind: 'assert', assertion: 'end' });
      case '\\': {
        const e = pattern[pos];
        if (e === 'b' || e === 'B') {
          pos++;
          return node({ kind: 'assert', assertion: e === 'b' ? 'word' : 'notWord' });
        }
        return node({ kind: 'chars', set: escape(false) });
      }
      default:
        return node({ kind: 'chars', set: unit(c.charCodeAt(0)) });
    }
  }

  function group(start: number): RegexNode {
    if (peek() === '?') {
      const head = pattern.slice(pos, pos + 3);
      if (head.startsWith('?:')) pos += 2;
      else if (head === '?<=' || head === '?<!' || head.startsWith('?=') || head.startsWith('?!')) {
        throw new UnsupportedPattern(`lookaround "(${head}" is not supported`);
      } else pos = pattern.indexOf('>', pos) + 1; // named group: the name does not matter here
    }
    const body = alternation();
    pos++; // ')'
    return { ...body, start, end: pos };
  }

  function characterClass(): CharSet {
    const negated = peek() === '^';
    if (negated) pos++;
    const parts: CharSet[] = [];
    while (peek() !== ']') {
      const lo = classAtom();
      if (peek() === '-' && pattern[pos + 1] !== ']' && lo.length === 2 && lo[0] === lo[1]) {
        const save = pos;
        pos++;
        const hi = classAtom();
        // Annex B: a range next to a class escape (`[a-\d]`) is a literal '-'.
        if (hi.length === 2 && hi[0] === hi[1]) {
          parts.push(charSet([[lo[0]!, hi[0]!]]));
          continue;
        }
        pos = save;
      }
      parts.push(lo);
    }
    pos++; // ']'
    const set = union(...parts);
    return negated ? complement(set) : set;
  }

  function classAtom(): CharSet {
    const c = pattern[pos++]!;
    if (c !== '\\') return unit(c.charCodeAt(0));
    if (peek() === 'b') {
      pos++;
      return unit(0x08);
    }
    return escape(true);
  }

  /** Reads the escape after a backslash; in a class `\-` and friends are plain characters. */
  function escape(inClass: boolean): CharSet {
    const e = pattern[pos++]!;
    if (CLASS_ESCAPES[e]) return CLASS_ESCAPES[e];
    if (CONTROL_ESCAPES[e] !== undefined) return unit(CONTROL_ESCAPES[e]);
    if (/[1-9]/.test(e) || (e === '0' && /\d/.test(peek() ?? '')) || e === 'k') {
      if (inClass && e !== 'k') throw new UnsupportedPattern('octal escapes are not supported');
      throw new UnsupportedPattern(`backreference "\\${e}" is not supported`);
    }
    if (e === '0') return unit(0);
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : 0;
    if (hex > 0 && new RegExp(`^[0-9a-fA-F]{${hex}}`).test(pattern.slice(pos))) {
      pos += hex;
      return unit(parseInt(pattern.slice(pos - hex, pos), 16));
    }
    if (e === 'c') {
      const letter = peek() ?? '';
      if (!/[a-zA-Z]/.test(letter)) throw new UnsupportedPattern('"\\c" must be followed by a letter');
      pos++;
      return unit(letter.charCodeAt(0) % 32);
    }
    return unit(e.charCodeAt(0)); // identity escape: `\.`, `\/`, and Annex B's `\x`/`\u` without digits
  }

  return alternation();
}
