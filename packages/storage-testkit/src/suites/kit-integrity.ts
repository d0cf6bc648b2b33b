import { InboxKitError, createInboxKit, type InboxEvent, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

/** A kit with two agents in one inbox, a team, a chat channel with a chatflow, and a round-robin rule. */
async function office(storage: Storage) {
  const kit = createInboxKit({
    storage,
    channels: [createTestChannel(), createTestChannel({ type: 'chat' })],
    clock: manualClock(),
    fallbackEmailDomain: 'in.conformance.test',
  });
  const ws = kit.workspace((await kit.workspaces.create({ name: 'Lifecycle' })).id);
  const ana = await ws.users.create({ name: 'Ana', email: 'ana@life.test' });
  const ben = await ws.users.create({ name: 'Ben', email: 'ben@life.test' });
  const team = await ws.teams.create({ name: 'Support', memberIds: [ana.id] });
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [ana.id, ben.id], teams: [team.id] } });
  const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'mail' });
  const chat = await ws.channels.connect({ inboxId: inbox.id, type: 'chat', name: 'site' });
  await ws.routing.set(channel.id, { targets: { users: [ana.id] }, strategy: 'round-robin' });
  let n = 0;
  const send = async (overrides: { email?: string; externalId?: string } = {}) => {
    const result = await kit.ingest({
      workspaceId: ws.id, channelId: channel.id, externalId: overrides.externalId ?? `life-${++n}`, from: { email: overrides.email ?? `c${n}@life.test` }, text: 'hello',
    });
    await kit.idle();
    return result;
  };
  const log = async (type: string): Promise<InboxEvent[]> => (await ws.events.read({ limit: 1000 })).items.filter((e) => e.type === type);
  return { kit, ws, ana, ben, team, inbox, channel, chat, send, log };
}

const codeOf = (error: unknown) => (InboxKitError.isInstance(error) ? error.code : `not an InboxKit error: ${String(error)}`);
const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

// Deletes and membership changes leave no dangling id behind, in one transaction on every store;
// permission rules that lean on store queries hold on every store.
export const kitIntegritySuite = defineSuite('kit integrity', (t) => {
  t.test('deleting a user clears every reference, so later edits still work', async ({ storage }) => {
    const o = await office(storage);
    const { conversation } = await o.send();
    expect(conversation!.assigneeId).toBe(o.ana.id);
    const owned = await o.ws.contacts.create({ email: 'owned@life.test', ownerId: o.ana.id });
    const flow = await o.ws.chatflows.create({ channelId: o.chat.id, name: 'Hi', type: 'live-chat', profile: { userId: o.ana.id } });
    await o.ws.users.delete(o.ana.id);
    await o.kit.idle();

    expect((await o.ws.inboxes.get(o.inbox.id)).members.users).toEqual([o.ben.id]);
    expect((await o.ws.teams.get(o.team.id)).memberIds).toEqual([]);
    expect(await o.ws.routing.get(o.channel.id)).toBeNull(); // its only target is gone
    expect((await o.ws.contacts.get(owned.id)).ownerId).toBeNull();
    expect((await o.ws.chatflows.get(flow.id)).profile).toBeNull();
    expect((await o.ws.conversations.get(conversation!.id)).assigneeId).toBeNull();
    const released = (await o.log('conversation.assigned')).find((e) => (e.data as { reason?: string }).reason === 'user-deleted');
    expect(released?.data).toMatchObject({ conversationId: conversation!.id, previousAssigneeId: o.ana.id, assigneeId: null });
    expect((await o.log('routing.rule.cleared')).length).toBe(1);
    // Nothing left to trip over.
    await o.ws.inboxes.update(o.inbox.id, { name: 'Renamed' });
    await o.ws.teams.update(o.team.id, { name: 'Renamed' });
    await o.ws.contacts.update(owned.id, { name: 'Still here' });
    await o.ws.conversations.assign(conversation!.id, { teamId: o.team.id });
  });

  t.test('deleting a team with sub-teams is a CONFLICT; otherwise every reference goes with it', async ({ storage }) => {
    const o = await office(storage);
    const child = await o.ws.teams.create({ name: 'Tier 2', parentTeamId: o.team.id });
    expect(codeOf(await failure(o.ws.teams.delete(o.team.id)))).toBe('CONFLICT');
    expect((await o.ws.teams.get(o.team.id)).id).toBe(o.team.id);
    await o.ws.teams.delete(child.id);

    // Ana sees the inbox only through the team from now on; the rule routes to the team.
    await o.ws.inboxes.update(o.inbox.id, { members: { users: [o.ben.id], teams: [o.team.id] } });
    await o.ws.routing.set(o.channel.id, { targets: { teams: [o.team.id] }, strategy: 'round-robin' });
    const { conversation } = await o.send();
    expect(conversation!.assigneeId).toBe(o.ana.id);
    await o.ws.conversations.assign(conversation!.id, { teamId: o.team.id });
    await o.ws.teams.delete(o.team.id);
    await o.kit.idle();

    expect((await o.ws.inboxes.get(o.inbox.id)).members.teams).toEqual([]);
    expect(await o.ws.routing.get(o.channel.id)).toBeNull();
    expect(await o.ws.conversations.get(conversation!.id)).toMatchObject({ assigneeId: null, teamId: null });
    const reasons = (await o.log('conversation.assigned')).map((e) => (e.data as { reason?: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(['team-deleted', 'access-lost']));
    await o.ws.inboxes.update(o.inbox.id, { name: 'Renamed' });
  });

  t.test('an agent removed from an inbox loses its conversations there, which are re-routed', async ({ storage }) => {
    const o = await office(storage);
    await o.ws.routing.set(o.channel.id, { targets: { users: [o.ana.id, o.ben.id] }, strategy: 'round-robin' });
    const first = (await o.send()).conversation!;
    const second = (await o.send()).conversation!;
    const anas = [first, second].find((c) => c.assigneeId === o.ana.id)!;
    await o.ws.inboxes.update(o.inbox.id, { members: { users: [o.ben.id], teams: [] } });
    await o.kit.idle();
    expect((await o.ws.conversations.get(anas.id)).assigneeId).toBe(o.ben.id);
    const lost = (await o.log('conversation.assigned')).find((e) => (e.data as { reason?: string }).reason === 'access-lost');
    expect(lost?.data).toMatchObject({ conversationId: anas.id, previousAssigneeId: o.ana.id, assigneeId: null });
    expect(codeOf(await failure(o.ws.asUser(o.ana.id).conversations.get(anas.id)))).toBe('NOT_FOUND');
  });

  t.test('a team membership change that removes access unassigns in the same transaction', async ({ storage }) => {
    const o = await office(storage);
    await o.ws.inboxes.update(o.inbox.id, { members: { users: [o.ben.id], teams: [o.team.id] } });
    const { conversation } = await o.send();
    expect(conversation!.assigneeId).toBe(o.ana.id);
    await o.ws.teams.update(o.team.id, { memberIds: [] });
    expect((await o.ws.conversations.get(conversation!.id)).assigneeId).toBeNull();
  });

  t.test('a dropped message is deduplicated like an accepted one, also concurrently', async ({ storage }) => {
    const o = await office(storage);
    await o.ws.filters.create({ inboxId: o.inbox.id, senders: ['junk@life.test'], action: 'drop' });
    await o.ws.filters.create({ inboxId: o.inbox.id, senders: ['spam@life.test'], action: 'spam' });
    const dropped = [];
    for (let i = 0; i < 5; i++) dropped.push(await o.send({ email: 'junk@life.test', externalId: 'dropped-1' }));
    dropped.push(...(await Promise.all(Array.from({ length: 5 }, () => o.send({ email: 'junk@life.test', externalId: 'dropped-2' })))));
    await Promise.all(Array.from({ length: 5 }, () => o.send({ email: 'spam@life.test', externalId: 'spam-1' })));
    expect(dropped.every((r) => r.status === 'filtered')).toBe(true);
    expect(dropped.filter((r) => !r.duplicate)).toHaveLength(2);
    const filtered = (await o.log('message.filtered')).map((e) => (e.data as { externalId: string }).externalId);
    expect(filtered.sort()).toEqual(['dropped-1', 'dropped-2', 'spam-1']);
  });

  t.test('a redelivery is a duplicate of its first copy, even once a drop filter catches it, and leaves no trace', async ({ storage }) => {
    const o = await office(storage);
    const first = await o.send({ email: 'later@life.test', externalId: 'kept-1' });
    await o.ws.filters.create({ inboxId: o.inbox.id, senders: ['later@life.test'], action: 'drop' });
    const logged = (await o.ws.events.read({ limit: 1000 })).items.length;
    const again = await o.send({ email: 'later@life.test', externalId: 'kept-1' });
    expect(again).toMatchObject({ status: 'accepted', duplicate: true, message: { id: first.message!.id } });
    // From another sender address now: the copy must not create that contact or record anything.
    const moved = await o.send({ email: 'someone-new@life.test', externalId: 'kept-1' });
    expect(moved).toMatchObject({ status: 'accepted', duplicate: true, conversation: { id: first.conversation!.id } });
    expect(await o.ws.contacts.findByEmail('someone-new@life.test')).toBeNull();
    expect((await o.ws.events.read({ limit: 1000 })).items).toHaveLength(logged);
    expect((await o.ws.conversations.get(first.conversation!.id)).messageCount).toBe(1);
  });

  t.test('actors, routing targets and unknown workspaces are checked', async ({ storage }) => {
    const o = await office(storage);
    const { conversation } = await o.send();
    const closed = await failure(o.ws.conversations.close(conversation!.id, { by: 'usr_ghost' }));
    expect(codeOf(closed)).toBe('VALIDATION');
    expect(String(closed)).toMatch(/\bby\b/);
    const outsider = await o.ws.users.create({ name: 'Out', email: 'out@life.test' });
    const rule = await failure(o.ws.routing.set(o.channel.id, { targets: { users: [o.ben.id, outsider.id] }, strategy: 'round-robin' }));
    expect(codeOf(rule)).toBe('VALIDATION');
    expect(String(rule)).toContain('targets.users[1]');
    const ghost = o.kit.workspace('ws_ghost');
    for (const read of [() => ghost.users.list(), () => ghost.conversations.list(), () => ghost.inboxes.list(), () => ghost.contacts.list(), () => ghost.events.read()]) {
      expect(codeOf(await failure(read()))).toBe('NOT_FOUND');
    }
  });

  t.test('an agent reads and writes only contacts visible to them', async ({ storage }) => {
    const o = await office(storage);
    const other = await o.ws.inboxes.create({ name: 'Sales', members: { users: [o.ben.id] } });
    const sales = await o.ws.channels.connect({ inboxId: other.id, type: 'test', name: 'sales' });
    await o.kit.ingest({ workspaceId: o.ws.id, channelId: sales.id, externalId: 's-1', from: { email: 'lead@life.test' }, text: 'hi' });
    const lead = (await o.ws.contacts.findByEmail('lead@life.test'))!;
    const mine = (await o.send({ email: 'mine@life.test' })).conversation!;
    await o.ws.inboxes.update(o.inbox.id, { members: { users: [o.ana.id], teams: [] } });
    const ana = o.ws.asUser(o.ana.id);

    for (const call of [
      () => ana.contacts.get(lead.id),
      () => ana.contacts.update(lead.id, { name: 'Hijacked' }),
      () => ana.contacts.merge(mine.contactId, lead.id),
      () => ana.contacts.merge(lead.id, mine.contactId),
      () => ana.contacts.sidebar(lead.id),
    ]) {
      expect(codeOf(await failure(call()))).toBe('NOT_FOUND');
    }
    expect(await ana.contacts.findByEmail('lead@life.test')).toBeNull();
    expect((await ana.contacts.list()).items.map((c) => c.id)).toEqual([mine.contactId]);
    expect((await o.ws.contacts.get(lead.id)).name).toBeNull(); // nothing was written
    // Visible through a conversation, or through ownership.
    expect((await ana.contacts.update(mine.contactId, { name: 'Mine' })).name).toBe('Mine');
    await o.ws.contacts.update(lead.id, { ownerId: o.ana.id });
    expect((await ana.contacts.get(lead.id)).id).toBe(lead.id);
  });

  t.test('assignments racing a user deletion or an access change never leave a dangling assignee (repeated trials)', async ({ storage }) => {
    const o = await office(storage);
    await o.ws.routing.clear(o.channel.id);
    const conversations = [];
    for (let i = 0; i < 4; i++) conversations.push((await o.send()).conversation!);
    for (let trial = 0; trial < 6; trial++) {
      const agent = await o.ws.users.create({ name: `Agent ${trial}`, email: `agent${trial}@life.test` });
      await o.ws.inboxes.update(o.inbox.id, { members: { users: [o.ana.id, o.ben.id, agent.id], teams: [o.team.id] } });
      const removal = trial % 2 === 0
        ? o.ws.users.delete(agent.id)
        : o.ws.inboxes.update(o.inbox.id, { members: { users: [o.ana.id, o.ben.id], teams: [o.team.id] } });
      const outcomes = await Promise.allSettled([removal, ...conversations.map((c) => o.ws.conversations.assign(c.id, { userId: agent.id }))]);
      expect(outcomes[0]!.status).toBe('fulfilled');
      for (const outcome of outcomes.slice(1)) {
        if (outcome.status === 'rejected') expect(codeOf(outcome.reason)).toBe('VALIDATION');
      }
      for (const c of conversations) expect((await o.ws.conversations.get(c.id)).assigneeId).not.toBe(agent.id);
    }
  });

  t.test('writes naming a user racing its deletion leave no reference behind (repeated trials)', async ({ storage }) => {
    const o = await office(storage);
    const contact = await o.ws.contacts.create({ email: 'race@life.test' });
    const flow = await o.ws.chatflows.create({ channelId: o.chat.id, name: 'Race', type: 'live-chat' });
    for (let trial = 0; trial < 5; trial++) {
      const agent = await o.ws.users.create({ name: `Racer ${trial}`, email: `racer${trial}@life.test` });
      await o.ws.inboxes.update(o.inbox.id, { members: { users: [o.ana.id, o.ben.id, agent.id], teams: [o.team.id] } });
      const outcomes = await Promise.allSettled([
        o.ws.users.delete(agent.id),
        o.ws.teams.update(o.team.id, { memberIds: [o.ana.id, agent.id] }),
        o.ws.contacts.update(contact.id, { ownerId: agent.id }),
        o.ws.routing.set(o.channel.id, { targets: { users: [o.ana.id, agent.id] }, strategy: 'round-robin' }),
        o.ws.chatflows.update(flow.id, { profile: { userId: agent.id } }),
      ]);
      expect(outcomes[0]!.status).toBe('fulfilled');
      for (const outcome of outcomes.slice(1)) if (outcome.status === 'rejected') expect(codeOf(outcome.reason)).toBe('VALIDATION');
      expect((await o.ws.teams.get(o.team.id)).memberIds).not.toContain(agent.id);
      expect((await o.ws.contacts.get(contact.id)).ownerId).not.toBe(agent.id);
      expect((await o.ws.routing.get(o.channel.id))?.targets.users ?? []).not.toContain(agent.id);
      expect((await o.ws.chatflows.get(flow.id)).profile).not.toEqual({ userId: agent.id });
      expect((await o.ws.inboxes.get(o.inbox.id)).members.users).not.toContain(agent.id);
    }
  });
});
