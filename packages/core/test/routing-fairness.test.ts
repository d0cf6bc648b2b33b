import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInboxKit, type InboxKit } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { routingFixture, type RoutingFixture } from './routing-setup.js';

describe('round-robin fairness under concurrency', () => {
  let f: RoutingFixture;
  let agents: string[];
  beforeEach(async () => {
    f = await routingFixture();
    const eve = await f.ws.users.create({ name: 'Eve', email: 'eve@acme.test' });
    const { anna, bo, cy, dee } = f.users;
    agents = [anna.id, bo.id, cy.id, dee.id, eve.id];
    await f.ws.inboxes.update(f.inbox.id, { members: { teams: [f.teams.support.id], users: [dee.id, eve.id] } });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: agents }, strategy: 'round-robin' });
    await f.kit.idle();
  });
  afterEach(() => f.stop());

  async function ingestConcurrently(kits: InboxKit[], count: number) {
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        kits[i % kits.length]!.ingest({
          workspaceId: f.workspace.id,
          channelId: f.emailChannel.id,
          externalId: `burst-${i}@customer.test`,
          from: { email: `burst${i}@customer.test` },
          subject: `Burst ${i}`,
          text: 'Hello',
        }),
      ),
    );
  }

  function perAgent(results: Awaited<ReturnType<typeof ingestConcurrently>>) {
    const counts = new Map(agents.map((id) => [id, 0]));
    for (const r of results) {
      if (r.status !== 'accepted' || !r.conversation.assigneeId) throw new Error('expected an assigned conversation');
      counts.set(r.conversation.assigneeId, counts.get(r.conversation.assigneeId)! + 1);
    }
    return [...counts.values()];
  }

  it('1,000 conversations ingested at once over 5 agents: 200 ± 1 each', async () => {
    const counts = perAgent(await ingestConcurrently([f.kit], 1000));
    expect(counts.reduce((a, b) => a + b)).toBe(1000);
    for (const count of counts) expect(Math.abs(count - 200)).toBeLessThanOrEqual(1);
  });

  it('stays fair when two kits (processes) share the store and ingest at once', async () => {
    // The rotation pointer lives in storage and moves in the assignment's transaction,
    // so a second kit on the same store continues the same rotation.
    const other = createInboxKit({ storage: f.storage, clock: f.clock, channels: [createTestChannel(), createTestChannel({ type: 'chat' })] });
    const counts = perAgent(await ingestConcurrently([f.kit, other], 1000));
    for (const count of counts) expect(Math.abs(count - 200)).toBeLessThanOrEqual(1);
  });
});
