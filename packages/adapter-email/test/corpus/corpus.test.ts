import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '@inboxkit/storage-memory';
import { corpus } from './cases.js';
import { corpusKit, type CorpusKit } from './harness.js';

let k: CorpusKit;
beforeEach(async () => {
  k = await corpusKit(memoryStorage());
});
afterEach(() => k.stop());

describe('email corpus through ingestRaw into a kit on the memory store', () => {
  it('has at least 40 messages', () => expect(corpus.length).toBeGreaterThanOrEqual(40));

  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await c.before?.(k);
    const result = await k.email.ingestRaw(await c.raw(k), { channelId: k.channel.id });
    await c.check(result, k);
  });
});
