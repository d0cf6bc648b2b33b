import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCalls, checkCall, hostileValue, mutated, propertyWorld } from './property-harness.js';

// kit.ingest is the door for outside data: whatever a channel hands it, the answer is a typed
// error or a stored message, never a crash or half a write.
describe('kit.ingest under hostile input', () => {
  let world: Awaited<ReturnType<typeof propertyWorld>>;
  beforeAll(async () => {
    world = await propertyWorld();
  });
  afterAll(() => world.stop());

  const inbound = () => {
    const { ids } = world;
    // Valid messages too: a seed whose bias mutated every nested part left no call that succeeds.
    const valid = fc.record({ externalId: fc.string({ minLength: 1, maxLength: 12 }), channelId: fc.constantFrom(ids.channel, ids.chat) }).map(({ externalId, channelId }) => ({
      workspaceId: ids.workspaceId, channelId, externalId, from: { email: 'c@prop.test', name: 'C' }, text: 'hello', subject: 'Hi',
    }));
    const from = mutated({ email: 'c@prop.test', name: 'C', phone: '+4712345678', visitorId: 'v-1' });
    const attachment = mutated({ filename: 'a.txt', contentType: 'text/plain', content: 'aGk=' });
    const hostile = fc
      .record({ externalId: fc.string({ minLength: 1, maxLength: 12 }), from, attachment, channelId: fc.constantFrom(ids.channel, ids.chat, 'ch_missing') })
      .chain(({ externalId, from, attachment, channelId }) =>
        mutated({
          workspaceId: ids.workspaceId, channelId, externalId, from, text: 'hello', subject: 'Hi', html: '<p>hello</p>',
          to: ['support@prop.test'], threadRefs: ['seed'], attachments: [attachment], metadata: { source: 'prop' }, receivedAt: 1,
        }),
      );
    return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 9, arbitrary: hostile });
  };

  // Thousands of full ingests: generous on a loaded 2-core machine (a correctness test, not a timing one).
  const PROPERTY_TIMEOUT_MS = 300_000;
  for (const part of [1, 2]) {
    it(`gives typed errors and no partial writes (part ${part} of 2, 5000 cases)`, async () => {
      await assertCalls(world, inbound().map((message) => () => world.kit.ingest(message as never)), 5000);
    }, PROPERTY_TIMEOUT_MS);
  }

  it('hostile values at the top level', async () => {
    await fc.assert(fc.asyncProperty(hostileValue(), async (message) => {
      expect(await checkCall(world, () => world.kit.ingest(message as never))).toBe('failed');
    }), { numRuns: 500 });
  });
});
