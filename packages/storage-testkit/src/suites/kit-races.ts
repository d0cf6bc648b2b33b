import { ConflictError, NotFoundError, type InboxKitError } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';
import { accepted, kitOn, type KitWorld } from './kit.js';

/** Trials per race: one interleaving proves little, twenty mostly hit each ordering. */
const ROUNDS = 20;
/** Rounds of the 30-ingest bursts: each burst already races 30 transactions. */
const IDENTITY_ROUNDS = 5;

type Settled<T> = PromiseSettledResult<T>;
const reasonOf = (r: Settled<unknown>) => (r.status === 'rejected' ? (r.reason as InboxKitError) : null);

/** Every conversation of the workspace points at a contact that exists. */
async function expectNoDanglingContacts({ api }: KitWorld): Promise<void> {
  const { items } = await api.conversations.list({ limit: 500 });
  for (const conversation of items) {
    const contact = await api.contacts.get(conversation.contactId).catch(() => null);
    expect(contact, `conversation ${conversation.id} points at missing contact ${conversation.contactId}`).not.toBeNull();
  }
}

/** Redelivering a stored message is a duplicate of it, attributed to an existing contact. */
async function expectRedeliveryIsDuplicate(world: KitWorld, n: number, overrides: Parameters<KitWorld['message']>[1]): Promise<void> {
  const again = accepted(await world.kit.ingest(world.message(n, overrides)));
  expect(again.duplicate, `redelivery of kit-${n}`).toBe(true);
  expect(await world.api.contacts.get(again.contact.id)).toMatchObject({ id: again.contact.id });
}

// Races between contact merges, deletes and ingest: whatever the interleaving, no
// conversation is left pointing at a deleted contact and redelivery stays a duplicate.
export const kitRacesSuite = defineSuite('kit races', (t) => {
  t.test(`merge(a, b) racing merge(b, a): one wins, the other is NOT_FOUND (${ROUNDS} rounds)`, async ({ storage }) => {
    const world = await kitOn(storage);
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [2 * round, 2 * round + 1];
      const from = (n: number) => ({ from: { email: `m${n}@kit.test` } });
      const ca = accepted(await world.kit.ingest(world.message(a, from(a)))).contact;
      const cb = accepted(await world.kit.ingest(world.message(b, from(b)))).contact;
      const results = await Promise.allSettled([world.api.contacts.merge(ca.id, cb.id), world.api.contacts.merge(cb.id, ca.id)]);
      const failures = results.map(reasonOf).filter((e) => e !== null);
      expect(failures, `round ${round}`).toHaveLength(1);
      expect(NotFoundError.isInstance(failures[0]), `round ${round}: ${String(failures[0])}`).toBe(true);
      await expectRedeliveryIsDuplicate(world, a, from(a));
      await expectRedeliveryIsDuplicate(world, b, from(b));
    }
    await expectNoDanglingContacts(world);
  });

  t.test(`merge racing an ingest from the merged-away contact: both succeed (${ROUNDS} rounds)`, async ({ storage }) => {
    const world = await kitOn(storage);
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b, late] = [3 * round, 3 * round + 1, 3 * round + 2];
      const survivor = accepted(await world.kit.ingest(world.message(a, { from: { email: `s${round}@kit.test` } }))).contact;
      // The merged-away contact is a chat visitor: after the merge its visitor id is the survivor's.
      const visitor = { from: { visitorId: `v${round}` } };
      const gone = accepted(await world.kit.ingest(world.message(b, visitor))).contact;
      const [merge, ingest] = await Promise.allSettled([
        world.api.contacts.merge(survivor.id, gone.id),
        world.kit.ingest(world.message(late, visitor)),
      ]);
      expect(reasonOf(merge), `round ${round}: merge`).toBeNull();
      expect(reasonOf(ingest), `round ${round}: ingest`).toBeNull();
      await expectNoDanglingContacts(world);
      for (const n of [b, late]) await expectRedeliveryIsDuplicate(world, n, visitor);
      const { items } = await world.api.conversations.list({ limit: 500 });
      expect(items.some((c) => c.contactId === gone.id), `round ${round}: a conversation kept the merged contact`).toBe(false);
    }
  });

  t.test(`delete racing an ingest from the contact: delete is CONFLICT or the ingest gets a new contact (${ROUNDS} rounds)`, async ({ storage }) => {
    const world = await kitOn(storage);
    for (let round = 0; round < ROUNDS; round++) {
      const email = `d${round}@kit.test`;
      const contact = await world.api.contacts.create({ email });
      const [deleted, ingest] = await Promise.allSettled([
        world.api.contacts.delete(contact.id),
        world.kit.ingest(world.message(round, { from: { email } })),
      ]);
      expect(reasonOf(ingest), `round ${round}: ingest`).toBeNull();
      const result = accepted((ingest as PromiseFulfilledResult<Awaited<ReturnType<KitWorld['kit']['ingest']>>>).value);
      const failure = reasonOf(deleted);
      if (failure) expect(ConflictError.isInstance(failure), `round ${round}: ${String(failure)}`).toBe(true);
      else expect(result.contact.id, `round ${round}: the ingest used the deleted contact`).not.toBe(contact.id);
      await expectRedeliveryIsDuplicate(world, round, { from: { email } });
    }
    await expectNoDanglingContacts(world);
  });

  for (const identity of ['visitorId', 'phone'] as const) {
    t.test(`30 concurrent first messages from one new ${identity} create exactly one contact (${IDENTITY_ROUNDS} rounds)`, async ({ storage }) => {
      const world = await kitOn(storage);
      for (let round = 0; round < IDENTITY_ROUNDS; round++) {
        const from = identity === 'visitorId' ? { visitorId: `same-visitor-${round}` } : { phone: `+1555010${round}` };
        const burst = Array.from({ length: 30 }, (_, n) => world.kit.ingest(world.message(round * 100 + n, { from })));
        const results = (await Promise.all(burst)).map(accepted);
        expect(new Set(results.map((r) => r.contact.id)).size, `round ${round}`).toBe(1);
      }
      const { items } = await world.api.contacts.list({ limit: 50 });
      expect(items.filter((c) => c.email === null)).toHaveLength(IDENTITY_ROUNDS);
    });
  }
});
