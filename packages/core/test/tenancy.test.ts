import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError, type InboxKit } from '@inboxkit/core';
import { accepted, seedAcme, startKit, type Harness } from './setup.js';

const rejectsNotFound = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(NotFoundError.isInstance(error), `expected NOT_FOUND, got ${String(error)}`).toBe(true);
};

async function twoTenants(kit: InboxKit) {
  const a = await seedAcme(kit);
  const b = await seedAcme(kit);
  const conv = accepted(await kit.ingest({
    workspaceId: b.acme.id, channelId: b.supportChannel.id, externalId: 'b-1', from: { email: 'bob@b.test' }, text: 'secret B',
  }));
  return { a, b, conv };
}

describe('tenancy: no API path crosses workspaces', () => {
  let h: Harness;
  beforeEach(async () => (h = await startKit()));
  afterEach(() => h.stop());

  it("workspace A cannot read B's entities by id", async () => {
    const { a, b, conv } = await twoTenants(h.kit);
    const ws = a.ws;
    await rejectsNotFound(ws.conversations.get(conv.conversation.id));
    await rejectsNotFound(ws.conversations.timeline(conv.conversation.id));
    await rejectsNotFound(ws.contacts.get(conv.contact.id));
    await rejectsNotFound(ws.contacts.sidebar(conv.contact.id));
    await rejectsNotFound(ws.users.get(b.kari.id));
    await rejectsNotFound(ws.teams.get(b.support.id));
    await rejectsNotFound(ws.inboxes.get(b.supportInbox.id));
    await rejectsNotFound(ws.channels.get(b.supportChannel.id));
    expect(await ws.contacts.findByEmail('bob@b.test')).toBeNull();
    expect((await ws.conversations.list({ inboxId: b.supportInbox.id })).items).toEqual([]);
    expect((await ws.conversations.list({ contactId: conv.contact.id })).items).toEqual([]);
  });

  it("workspace A cannot change B's entities by id", async () => {
    const { a, b, conv } = await twoTenants(h.kit);
    const ws = a.ws;
    const id = conv.conversation.id;
    await rejectsNotFound(ws.conversations.close(id));
    await rejectsNotFound(ws.conversations.assign(id, { userId: null }));
    await rejectsNotFound(ws.conversations.markSpam(id));
    await rejectsNotFound(ws.conversations.notSpam(id));
    await rejectsNotFound(ws.conversations.move(id, { inboxId: a.salesInbox.id }));
    // Nor can A move its own conversations into B's inboxes.
    const own = accepted(await h.kit.ingest({ workspaceId: a.acme.id, channelId: a.supportChannel.id, externalId: 'a-1', from: { email: 'x@a.test' }, text: 'A' }));
    await rejectsNotFound(ws.conversations.move(own.conversation.id, { inboxId: b.salesInbox.id }));
    await rejectsNotFound(ws.conversations.comment(id, { authorId: a.kari.id, text: 'x' }));
    await rejectsNotFound(ws.conversations.reply(id, { authorId: a.kari.id, text: 'x' }));
    await rejectsNotFound(ws.users.update(b.kari.id, { name: 'pwned' }));
    await rejectsNotFound(ws.teams.delete(b.support.id));
    await rejectsNotFound(ws.channels.disconnect(b.supportChannel.id));
    await rejectsNotFound(ws.contacts.update(conv.contact.id, { name: 'pwned' }));
    await rejectsNotFound(ws.contacts.merge(conv.contact.id, conv.contact.id + 'x'));
    const stillOpen = await b.ws.conversations.get(id);
    expect(stillOpen).toMatchObject({ status: 'open', spam: false, inboxId: b.supportInbox.id });
    expect((await b.ws.contacts.get(conv.contact.id)).name).toBeNull();
  });

  it("references to B's entities are rejected when writing in A", async () => {
    const { a, b } = await twoTenants(h.kit);
    const team = await a.ws.teams.create({ name: 'x', memberIds: [b.kari.id] }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(team)).toBe(true);
    const inbox = await a.ws.inboxes.create({ name: 'x', members: { teams: [b.support.id] } }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(inbox)).toBe(true);
    const channel = await a.ws.channels.connect({ inboxId: b.supportInbox.id, type: 'test', name: 'x' }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(channel)).toBe(true);
    const ingest = await h.kit.ingest({ workspaceId: a.acme.id, channelId: b.supportChannel.id, externalId: 'x', from: { email: 'x@x.test' }, text: 'x' }).catch((e: unknown) => e);
    expect(NotFoundError.isInstance(ingest)).toBe(true);
  });

  it("the event log and emitter carry only the workspace's own events", async () => {
    const { a, b } = await twoTenants(h.kit);
    const aEvents = await a.ws.events.read({ limit: 1000 });
    const bEvents = await b.ws.events.read({ limit: 1000 });
    expect(aEvents.items.every((e) => e.workspaceId === a.acme.id)).toBe(true);
    expect(bEvents.items.every((e) => e.workspaceId === b.acme.id)).toBe(true);
    expect(aEvents.items.some((e) => e.type === 'message.received')).toBe(false);
  });

  it('a workspace that does not exist cannot be written to', async () => {
    await rejectsNotFound(h.kit.workspace('ws_missing').users.create({ name: 'X', email: 'x@x.test' }));
  });
});
