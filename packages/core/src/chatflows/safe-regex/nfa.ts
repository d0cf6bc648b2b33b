import { WORD, has, type CharSet } from './char-set.js';
import { firstSet } from './first-set.js';
import { UnsupportedPattern, type RegexNode } from './parse.js';

/**
 * A Thompson NFA run as a Pike VM: every position of the input is visited once with the set of
 * live states, so a test takes O(input × program) time whatever the pattern. Visitors control
 * the URLs we test, so a backtracking engine would let one page view stall the server.
 */
const CHAR = 0;
const SPLIT = 1;
const JMP = 2;
const MATCH = 3;
const AT_START = 4;
const AT_END = 5;
const WORD_BOUNDARY = 6;
const NOT_WORD_BOUNDARY = 7;
const ASSERTIONS = { start: AT_START, end: AT_END, word: WORD_BOUNDARY, notWord: NOT_WORD_BOUNDARY } as const;

/** Counted repeats are unrolled; this bounds the unrolled program (`(a{100}){100}`). */
const MAX_PROGRAM = 5_000;

/** The program as parallel arrays: `op[pc]`, jump targets `a[pc]`/`b[pc]`, character sets `sets[pc]`. */
interface Program {
  op: number[];
  a: number[];
  b: number[];
  sets: CharSet[];
}

function compile(root: RegexNode): Program {
  const prog: Program = { op: [], a: [], b: [], sets: [] };
  const emit = (op: number, set: CharSet = []): number => {
    if (prog.op.length >= MAX_PROGRAM) {
      throw new UnsupportedPattern(`pattern is too large once its repeats are expanded (over ${MAX_PROGRAM} states)`);
    }
    prog.op.push(op);
    prog.a.push(0);
    prog.b.push(0);
    prog.sets.push(set);
    return prog.op.length - 1;
  };
  const here = () => prog.op.length;
  // A split is emitted before its targets exist; its `b` branch is patched to the code after them.
  const split = () => {
    const at = emit(SPLIT);
    prog.a[at] = at + 1;
    return at;
  };

  function gen(node: RegexNode): void {
    if (node.kind === 'chars') emit(CHAR, node.set);
    else if (node.kind === 'assert') emit(ASSERTIONS[node.assertion]);
    else if (node.kind === 'seq') node.items.forEach(gen);
    else if (node.kind === 'alt') {
      const exits: number[] = [];
      node.options.forEach((option, i) => {
        if (i === node.options.length - 1) return gen(option);
        const fork = split();
        gen(option);
        exits.push(emit(JMP));
        prog.b[fork] = here();
      });
      for (const exit of exits) prog.a[exit] = here();
    } else {
      for (let i = 0; i < node.min; i++) gen(node.body);
      if (node.max === Infinity) {
        const loop = split();
        gen(node.body);
        prog.a[emit(JMP)] = loop;
        prog.b[loop] = here();
      } else {
        const optional: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          optional.push(split());
          gen(node.body);
        }
        for (const fork of optional) prog.b[fork] = here();
      }
    }
  }

  gen(root);
  emit(MATCH);
  return prog;
}

const isWordAt = (input: string, i: number) => i >= 0 && i < input.length && has(WORD, input.charCodeAt(i));

/** A compiled pattern; `test` has `RegExp.prototype.test` semantics (search anywhere, no flags). */
export interface LinearRegex {
  /** The source pattern. */
  readonly source: string;
  /** Whether the pattern matches somewhere in `input`. */
  test(input: string): boolean;
}

/** One bit per ASCII code unit, per state: URLs are ASCII, so most reads skip the range search. */
function asciiBits(sets: CharSet[]): Uint32Array {
  const bits = new Uint32Array(sets.length * 4);
  sets.forEach((set, pc) => {
    for (let c = 0; c < 128; c++) if (has(set, c)) bits[pc * 4 + (c >> 5)]! |= 1 << (c & 31);
  });
  return bits;
}

/** Compiles a parsed pattern into a linear-time matcher. Throws `UnsupportedPattern` when too large. */
export function linearRegex(root: RegexNode, source: string): LinearRegex {
  const { op, a, b, sets } = compile(root);
  const size = op.length;
  const bits = asciiBits(sets);
  const inSet = (pc: number, code: number) => (code < 128 ? (bits[pc * 4 + (code >> 5)]! & (1 << (code & 31))) !== 0 : has(sets[pc]!, code));
  const start = firstSet(root);
  const startBits = asciiBits([start.set]);
  // While no attempt is alive, positions that cannot begin a match are skipped.
  const canStart = (code: number) => start.nullable || (code < 128 ? (startBits[code >> 5]! & (1 << (code & 31))) !== 0 : has(start.set, code));
  const anchored = op[0] === AT_START;
  // Reused across calls: `test` is synchronous, so two calls never share them at once.
  const mark = new Int32Array(size);
  const stack = new Int32Array(size * 2 + 2);
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  let matched = false;

  /** Adds `pc` and every state reachable from it without reading a character; returns the new size. */
  function add(list: Int32Array, length: number, pc: number, input: string, pos: number): number {
    let top = 0;
    stack[top++] = pc;
    while (top > 0) {
      const at = stack[--top]!;
      if (mark[at] === pos) continue;
      mark[at] = pos;
      switch (op[at]) {
        case CHAR:
          list[length++] = at;
          break;
        case MATCH:
          matched = true;
          break;
        case JMP:
          stack[top++] = a[at]!;
          break;
        case SPLIT:
          stack[top++] = b[at]!;
          stack[top++] = a[at]!;
          break;
        default:
          if (assertionHolds(op[at]!, input, pos)) stack[top++] = at + 1;
      }
    }
    return length;
  }

  return {
    source,
    test(input) {
      mark.fill(-1);
      matched = false;
      let length = 0;
      for (let pos = 0; pos <= input.length; pos++) {
        if (length === 0) {
          if (anchored && pos > 0) return false;
          while (pos < input.length && !canStart(input.charCodeAt(pos))) pos++;
        }
        if (!anchored || pos === 0) length = add(current, length, 0, input, pos); // an attempt starts here
        if (matched) return true;
        const code = input.charCodeAt(pos);
        let nextLength = 0;
        if (pos < input.length) for (let i = 0; i < length; i++) if (inSet(current[i]!, code)) nextLength = add(next, nextLength, current[i]! + 1, input, pos + 1);
        if (matched) return true;
        const done = current;
        current = next;
        next = done;
        length = nextLength;
      }
      return false;
    },
  };
}

function assertionHolds(op: number, input: string, pos: number): boolean {
  if (op === AT_START) return pos === 0;
  if (op === AT_END) return pos === input.length;
  const boundary = isWordAt(input, pos - 1) !== isWordAt(input, pos);
  return op === WORD_BOUNDARY ? boundary : !boundary;
}
