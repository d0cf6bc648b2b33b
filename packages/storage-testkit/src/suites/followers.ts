import type { FollowerStore } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite, type ConformanceContext } from '../harness.js';

/** The store's follower area (skips the test for stores without the capability). */
function followersOf({ storage, skip }: ConformanceContext): FollowerStore {
  const followers = storage.capabilities.followers ? storage.followers : undefined;
  return followers ?? skip('store has no followers capability');
}

export const followersSuite = defineSuite('followers', (t) => {
  t.test('add and remove are idempotent and say whether they changed anything; list is ordered by id', async (ctx) => {
    const followers = followersOf(ctx);
    expect(await followers.list('ws_1', 'conv_1')).toEqual([]);
    expect(await followers.add('ws_1', 'conv_1', 'user_b')).toBe(true);
    expect(await followers.add('ws_1', 'conv_1', 'user_a')).toBe(true);
    expect(await followers.add('ws_1', 'conv_1', 'user_b')).toBe(false);
    expect(await followers.list('ws_1', 'conv_1')).toEqual(['user_a', 'user_b']);
    expect(await followers.remove('ws_1', 'conv_1', 'user_b')).toBe(true);
    expect(await followers.remove('ws_1', 'conv_1', 'user_b')).toBe(false);
    expect(await followers.list('ws_1', 'conv_1')).toEqual(['user_a']);
  });

  t.test('followers stay in their workspace and conversation', async (ctx) => {
    const followers = followersOf(ctx);
    await followers.add('ws_1', 'conv_1', 'user_a');
    expect(await followers.list('ws_2', 'conv_1')).toEqual([]);
    expect(await followers.list('ws_1', 'conv_2')).toEqual([]);
    expect(await followers.remove('ws_2', 'conv_1', 'user_a')).toBe(false);
    expect(await followers.list('ws_1', 'conv_1')).toEqual(['user_a']);
  });

  t.test('a rolled-back transaction adds and removes nobody', async (ctx) => {
    followersOf(ctx);
    await ctx.storage.followers!.add('ws_1', 'conv_1', 'user_a');
    await expect(
      ctx.storage.transaction(async (tx) => {
        await tx.followers!.add('ws_1', 'conv_1', 'user_b');
        await tx.followers!.remove('ws_1', 'conv_1', 'user_a');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await ctx.storage.followers!.list('ws_1', 'conv_1')).toEqual(['user_a']);
  });
});
