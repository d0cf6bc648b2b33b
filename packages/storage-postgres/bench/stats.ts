/** The index of the `p`th percentile (0–100) in `n` sorted samples, by nearest rank. */
const nearestRank = (n: number, p: number) => Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));

/** Percentile (0–100) of `samples` by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  return [...samples].sort((a, b) => a - b)[nearestRank(samples.length, p)]!;
}

/**
 * A 95% interval of `percentile(b, p) / percentile(a, p)` by paired bootstrap: sample `i` of
 * `a` and of `b` were taken next to each other, so a resample keeps pairs together and a
 * load spike that hit both calls stays on both sides of the ratio. Seeded: same run, same
 * interval.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], p: number, random: () => number, resamples = 1000): [number, number] {
  const n = Math.min(a.length, b.length);
  const ratios = new Float64Array(resamples);
  const [ra, rb] = [new Float64Array(n), new Float64Array(n)];
  const rank = nearestRank(n, p);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const pick = Math.floor(random() * n);
      ra[i] = a[pick]!;
      rb[i] = b[pick]!;
    }
    ratios[r] = rb.sort()[rank]! / ra.sort()[rank]!;
  }
  ratios.sort();
  return [ratios[Math.floor(0.025 * resamples)]!, ratios[Math.ceil(0.975 * resamples) - 1]!];
}

/** Milliseconds elapsed since `start` (from `performance.now()`). */
export const since = (start: number) => performance.now() - start;

/** Formats a number for the table: fixed decimals, thousands separated. */
export function fmt(value: number, decimals = 2): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** One line of the results table. */
export interface Row {
  section: string;
  measure: string;
  value: string;
  note?: string;
}

/** Prints rows as an aligned plain-text table. */
export function printTable(rows: readonly Row[]): void {
  const header: Row = { section: 'section', measure: 'measure', value: 'value', note: 'note' };
  const all = [header, ...rows];
  const width = (key: keyof Row) => Math.max(...all.map((r) => (r[key] ?? '').length));
  const widths = { section: width('section'), measure: width('measure'), value: width('value') };
  const line = (r: Row) =>
    `${r.section.padEnd(widths.section)} | ${r.measure.padEnd(widths.measure)} | ${r.value.padStart(widths.value)} | ${r.note ?? ''}`;
  console.log(line(header));
  console.log(`${'-'.repeat(widths.section)}-+-${'-'.repeat(widths.measure)}-+-${'-'.repeat(widths.value)}-+------`);
  for (const row of rows) console.log(line(row));
}

