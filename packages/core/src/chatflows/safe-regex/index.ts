import { backtracksLinearly, exponentialBacktracking } from './backtracking.js';
import { linearRegex, type LinearRegex } from './nfa.js';
import { Lru } from '../lru.js';
import { UnsupportedPattern, parseRegex } from './parse.js';
import { patternWeight } from './weight.js';

export type { LinearRegex } from './nfa.js';

/** Longest pattern a chatflow or bot may use. */
export const MAX_PATTERN_LENGTH = 500;

// Recompiling a channel's rules after one change meets the same patterns again. Compiled
// matchers run synchronously, so one instance can serve every caller.
const memo = new Lru<string, SafeRegexResult>(2_000);

/** A pattern compiled for the linear-time engine, or why it was refused. */
export type SafeRegexResult =
  | {
      ok: true;
      regex: LinearRegex;
      /** Work per input character (see `patternWeight`): budgets such as targeting's add these up. */
      weight: number;
    }
  | { ok: false; message: string };

/**
 * Checks and compiles a user-supplied pattern (JavaScript syntax, no flags). Refused: invalid
 * syntax, backreferences and lookarounds (no linear-time engine has them), and patterns that
 * backtrack exponentially elsewhere (`(a+)+`), so a saved rule is safe in any engine. Accepted
 * patterns with a variable-count quantifier run on a linear-time engine, which also defuses
 * polynomial ones such as `.*a.*b`; the others cannot backtrack and use the faster native `RegExp`.
 */
export function compileSafeRegex(pattern: string): SafeRegexResult {
  let result = memo.get(pattern);
  if (!result) memo.set(pattern, (result = analyze(pattern)));
  return result;
}

function analyze(pattern: string): SafeRegexResult {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, message: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  let native: RegExp;
  try {
    native = new RegExp(pattern);
  } catch (error) {
    return { ok: false, message: `invalid regular expression: ${(error as Error).message}` };
  }
  try {
    const root = parseRegex(pattern);
    const problem = exponentialBacktracking(root, pattern);
    if (problem) return { ok: false, message: problem };
    const regex = backtracksLinearly(root) ? { source: pattern, test: (input: string) => native.test(input) } : linearRegex(root, pattern);
    return { ok: true, regex, weight: patternWeight(root) };
  } catch (error) {
    if (error instanceof UnsupportedPattern) return { ok: false, message: error.message };
    throw error;
  }
}
