import { describe, expect, it } from 'vitest';
import { manualClock } from './manual-clock.js';

describe('manualClock', () => {
  it('moves only when told and fires due timers in time order, awaiting them', async () => {
    const clock = manualClock(1_000);
    const fired: string[] = [];
    clock.setTimer(async () => {
      await Promise.resolve();
      fired.push('b@300');
    }, 300);
    clock.setTimer(() => void fired.push('a@100'), 100);
    const cancel = clock.setTimer(() => void fired.push('cancelled'), 200);
    cancel();
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(201);
    expect(fired).toEqual(['a@100', 'b@300']);
    expect(clock.now()).toBe(1_300);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('never goes backwards and runs timers scheduled by timers when due', async () => {
    const clock = manualClock(0);
    const fired: number[] = [];
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => void fired.push(clock.now()), 0);
    }, 10);
    await clock.set(50);
    await clock.set(10);
    expect(clock.now()).toBe(50);
    expect(fired).toEqual([50, 50]);
  });
});
