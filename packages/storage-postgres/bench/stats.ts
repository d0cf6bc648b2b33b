/** Percentile (0–100) of `samples` by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
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

