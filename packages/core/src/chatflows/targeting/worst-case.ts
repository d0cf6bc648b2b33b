import type { TargetingInput } from './schema.js';
import { MAX_TARGETING_PATTERN_WEIGHT } from './schema.js';

/** The page URL the worst-case rule sets are matched against: 8 KB, just under `MAX_URL_LENGTH`. */
export function worstCaseUrl(length = 8_180): string {
  const head = 'https://acme.com/';
  return `${head}${'a'.repeat(length - head.length - 1)}Z`;
}

/**
 * The largest targeting the schema accepts (50 include and 50 exclude groups of 20 conditions),
 * built so that `match` evaluates every condition of it against `worstCaseUrl()`: in each group
 * only the last condition fails, except include group `matchAt` (if given), which holds.
 * `hostile` fills the pattern budget with the costliest shape (one long counted repeat over
 * letters, kept alive at every position of the URL) and uses near-miss 2000-character
 * `contains` values; otherwise the same structure has a short pattern and short values (the
 * baseline). Shared by the bench and its correctness test.
 */
export function maximalTargeting(hostile: boolean, options: { matchAt?: number } = {}): TargetingInput {
  // Weight of `[a-z]{0,n}Y`: n letters, n splits, one more character.
  const repeat = Math.floor((MAX_TARGETING_PATTERN_WEIGHT - 1) / 2);
  const pattern = hostile ? `[a-z]{0,${repeat}}Y` : 'aY';
  const holds = hostile ? 'a'.repeat(1999) : 'aa';
  const nearMiss = `${holds}Y`;
  const group = (last: { op: 'matchesRegex' | 'contains'; value: string }) =>
    Array.from({ length: 20 }, (_, i) => ({ on: 'url' as const, ...(i === 19 ? last : { op: 'contains' as const, value: holds }) }));
  return {
    include: Array.from({ length: 50 }, (_, g) =>
      group(g === options.matchAt ? { op: 'contains', value: 'aZ' } : g === 0 ? { op: 'matchesRegex', value: pattern } : { op: 'contains', value: nearMiss }),
    ),
    exclude: Array.from({ length: 50 }, () => group({ op: 'contains', value: nearMiss })),
  };
}
