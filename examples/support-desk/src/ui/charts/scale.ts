/** A "nice" axis maximum at or above `max` (1, 2, 5 × 10ⁿ), so gridlines fall on round numbers; 1 for no data. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= max)!;
  return step * magnitude;
}

/** An axis for counts: four gridline steps of a whole 1-2-5 number each, covering `max` (at least 0–4). */
export function countAxis(max: number): { max: number; step: number } {
  const step = Math.max(1, niceMax(max / 4));
  return { max: step * 4, step };
}

/** Rounds to one decimal for SVG coordinates (smaller markup, stable output). */
export const px = (n: number) => Math.round(n * 10) / 10;
