import { describe, expect, it } from 'vitest';
import { connectionCounter, rateLimiter } from './limits.js';

describe('rate limiter', () => {
  it('allows a burst, refuses the next, refills over time, per key', () => {
    let now = 0;
    const limiter = rateLimiter({ burst: 3, perMinute: 60, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('v1'))).toEqual([true, true, true, false]);
    expect(limiter.take('v2')).toBe(true);
    now += 999;
    expect(limiter.take('v1')).toBe(false);
    now += 1;
    expect(limiter.take('v1')).toBe(true);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('v1'))).toEqual([true, true, true, false]);
  });

  it('forgets the least recently used keys beyond maxKeys (memory stays bounded)', () => {
    const limiter = rateLimiter({ burst: 1, perMinute: 1, now: () => 0, maxKeys: 2 });
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('b')).toBe(true);
    expect(limiter.take('c')).toBe(true); // evicts a
    expect(limiter.take('a')).toBe(true); // a starts afresh
    expect(limiter.take('c')).toBe(false);
  });
});

describe('connection counter', () => {
  it('refuses beyond max per key and frees a slot on release, once', () => {
    const counter = connectionCounter(2);
    const first = counter.acquire('1.2.3.4');
    const second = counter.acquire('1.2.3.4');
    expect(first && second).toBeTruthy();
    expect(counter.acquire('1.2.3.4')).toBeNull();
    expect(counter.acquire('5.6.7.8')).not.toBeNull();
    first!();
    first!();
    expect(counter.count('1.2.3.4')).toBe(1);
    expect(counter.acquire('1.2.3.4')).not.toBeNull();
    expect(counter.acquire('1.2.3.4')).toBeNull();
  });
});
