/**
 * Sets of UTF-16 code units as sorted, disjoint, inclusive ranges `[lo0, hi0, lo1, hi1, …]`.
 * Patterns are evaluated without the `u` flag, so code units (not code points) are the alphabet,
 * exactly as a plain JavaScript `RegExp` sees a string.
 */
export type CharSet = readonly number[];

const MAX_UNIT = 0xffff;

/** Normalizes arbitrary ranges into a sorted, merged set. */
export function charSet(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** The set of every code unit not in `set`. */
export function complement(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}

/** Union of several sets. */
export function union(...sets: CharSet[]): CharSet {
  const ranges: Array<[number, number]> = [];
  for (const set of sets) for (let i = 0; i < set.length; i += 2) ranges.push([set[i]!, set[i + 1]!]);
  return charSet(ranges);
}

/** Whether two sets share a code unit. */
export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
}

/** Whether `unit` is in the set (binary search: sets from negated classes can be long). */
export function has(set: CharSet, unit: number): boolean {
  let lo = 0;
  let hi = set.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (unit < set[mid * 2]!) hi = mid - 1;
    else if (unit > set[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** `\d`. */
export const DIGIT: CharSet = charSet([[0x30, 0x39]]);
/** `\w`. */
export const WORD: CharSet = charSet([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
/** `\s`: ECMAScript WhiteSpace and LineTerminator. */
export const SPACE: CharSet = charSet([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
/** `.` without the `s` flag: anything but a line terminator. */
export const DOT: CharSet = complement(charSet([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]));
/** The set of one code unit. */
export function unit(code: number): CharSet {
  return [code, code];
}
