import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 5_000 };

  it('doubles per attempt up to the cap', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, options, 0.999999))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(10, options, 0.999999)).toBe(5_000);
    expect(backoffDelay(1_000, options, 0.999999)).toBe(5_000);
  });

  it('jitters into the upper half of the window', () => {
    expect(backoffDelay(2, options, 0)).toBe(200);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });
});
