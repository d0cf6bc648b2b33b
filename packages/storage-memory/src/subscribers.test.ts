import type { InboxEvent } from '@inboxkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { event } from '../test/fixtures.js';
import { Subscribers } from './subscribers.js';

const stored = (id: string, seq: number): InboxEvent => ({ ...event({ id }), seq });

describe('Subscribers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives every listener every event in order, each as its own copy', () => {
    const subscribers = new Subscribers();
    const seen: InboxEvent[][] = [[], []];
    subscribers.add((e) => seen[0]!.push(e));
    subscribers.add((e) => seen[1]!.push(e));
    const events = [stored('e1', 1), stored('e2', 2)];
    subscribers.deliver(events);
    expect(seen[0]!.map((e) => e.seq)).toEqual([1, 2]);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]![0]).not.toBe(events[0]);
    expect(seen[0]![0]).not.toBe(seen[1]![0]);
  });

  it('counts one function subscribed twice as two subscriptions', async () => {
    const subscribers = new Subscribers();
    const listener = vi.fn();
    const unsubscribe = subscribers.add(listener);
    subscribers.add(listener);
    subscribers.deliver([stored('e1', 1)]);
    expect(listener).toHaveBeenCalledTimes(2);
    await unsubscribe();
    subscribers.deliver([stored('e2', 2)]);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('stops delivering to a listener that unsubscribes mid-delivery', () => {
    const subscribers = new Subscribers();
    const seen: number[] = [];
    const unsubscribe = subscribers.add((e) => {
      seen.push(e.seq);
      void unsubscribe();
    });
    subscribers.deliver([stored('e1', 1), stored('e2', 2)]);
    expect(seen).toEqual([1]);
  });

  it('re-throws a listener error on a microtask without starving the other listeners', () => {
    const thrown: (() => void)[] = [];
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) => thrown.push(callback));
    const subscribers = new Subscribers();
    const failure = new Error('listener bug');
    const other = vi.fn();
    subscribers.add(() => {
      throw failure;
    });
    subscribers.add(other);
    subscribers.deliver([stored('e1', 1)]);
    expect(other).toHaveBeenCalledTimes(1);
    expect(thrown).toHaveLength(1);
    expect(() => thrown[0]!()).toThrow(failure);
  });
});
