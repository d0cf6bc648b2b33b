// Chatflow handoffs and form submissions call core's routing directly (inside their own
// transaction), so this suite drives `routeConversation` the way they do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger, sortableIds } from '@inboxkit/core';
import { EventBus } from '../src/events/event-bus.js';
import type { KitRuntime } from '../src/kit/runtime.js';
import { Scope } from '../src/kit/scope.js';
import { routeConversation, type RouteOptions } from '../src/routing/route-conversation.js';
import { routingFixture, type RoutingFixture } from './routing-setup.js';

describe('routeConversation (handoffs)', () => {
  let f: RoutingFixture;
  let scope: Scope;
  beforeEach(async () => {
    f = await routingFixture();
    const runtime = { storage: f.storage, clock: f.clock, ids: sortableIds(f.clock.now), logger: silentLogger, bus: new EventBus(f.storage, silentLogger) };
    scope = new Scope(runtime as unknown as KitRuntime, f.workspace.id, null);
  });
  afterEach(() => f.stop());

  async function handoff(channelId: string, options: RouteOptions) {
    const conversation = await f.send({ channelId });
    return scope.mutate(async (tx, events) => {
      const contact = await tx.contacts.get(f.workspace.id, conversation.contactId);
      const routed = await routeConversation(scope, tx, events, conversation, contact, options);
      await tx.conversations.update(routed);
      return { routed, recorded: events.pending };
    });
  }

  it('hands off to a team in a channel without a rule: round-robin over available members', async () => {
    await f.ws.users.setAvailability(f.users.anna.id, 'away');
    const { routed, recorded } = await handoff(f.chatChannel.id, { targets: { teams: [f.teams.support.id] } });
    expect(routed).toMatchObject({ assigneeId: f.users.bo.id, teamId: f.teams.support.id });
    expect(recorded.map((e) => [e.type, (e.data as { reason?: string }).reason])).toEqual([['conversation.assigned', 'handoff:round-robin']]);
  });

  it('uses the channel rule’s strategy and limits with the handoff’s targets', async () => {
    const { anna, cy } = f.users;
    await f.ws.routing.set(f.chatChannel.id, { targets: { users: [anna.id] }, strategy: 'manual' });
    const { routed } = await handoff(f.chatChannel.id, { targets: { users: [cy.id] } });
    expect(routed).toMatchObject({ assigneeId: null });
    await f.ws.routing.set(f.chatChannel.id, { targets: { users: [anna.id] }, strategy: 'round-robin', capacity: 1 });
    expect((await handoff(f.chatChannel.id, { targets: { users: [cy.id] } })).routed.assigneeId).toBe(cy.id);
    expect((await handoff(f.chatChannel.id, { targets: { users: [cy.id] } })).routed.assigneeId).toBeNull();
  });

  it('leaves a conversation alone when there is neither a rule nor a target', async () => {
    const { routed, recorded } = await handoff(f.chatChannel.id, {});
    expect(routed.assigneeId).toBeNull();
    expect(recorded).toEqual([]);
  });
});
