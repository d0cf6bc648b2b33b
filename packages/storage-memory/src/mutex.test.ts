import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Mutex', () => {
  it('runs tasks one at a time, in call order', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([mutex.run(task('a')), mutex.run(task('b')), mutex.run(task('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('passes a rejection to its caller and goes on with the next task', async () => {
    const mutex = new Mutex();
    const failure = new Error('boom');
    const failed = mutex.run(async () => {
      throw failure;
    });
    const next = mutex.run(async () => 'next');
    await expect(failed).rejects.toBe(failure);
    await expect(next).resolves.toBe('next');
    await expect(mutex.run(async () => 'after')).resolves.toBe('after');
  });

  it('handles a large burst of queued tasks', async () => {
    const mutex = new Mutex();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => mutex.run(async () => order.push(i))));
    expect(order).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });
});
