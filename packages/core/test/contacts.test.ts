import { describe, expect, it } from 'vitest';
import { ConflictError } from '@inboxkit/core';
import { accepted, useAcme } from './setup.js';

describe('contacts', () => {
  const t = useAcme();

  const write = async (externalId: string, from: Record<string, string>) =>
    accepted(await t.h.kit.ingest({ workspaceId: t.acme.acme.id, channelId: t.acme.supportChannel.id, externalId, from, text: 'x' }));

  it('merge moves conversations, fills gaps, unites visitor ids and keeps the second email', async () => {
    const chat = await write('c1', { visitorId: 'v-1' });
    const mail = await write('m1', { email: 'nora@customer.test', name: 'Nora' });
    await t.acme.ws.contacts.update(chat.contact.id, { email: 'nora.private@customer.test', properties: { plan: 'pro' } });
    const merged = await t.acme.ws.contacts.merge(mail.contact.id, chat.contact.id);
    expect(merged).toMatchObject({
      id: mail.contact.id,
      email: 'nora@customer.test',
      name: 'Nora',
      visitorIds: ['v-1'],
      properties: { plan: 'pro', additionalEmails: ['nora.private@customer.test'] },
    });
    expect((await t.acme.ws.conversations.get(chat.conversation.id)).contactId).toBe(mail.contact.id);
    expect(await t.acme.ws.contacts.findByVisitorId('v-1')).toMatchObject({ id: mail.contact.id });
    const gone = await t.acme.ws.contacts.get(chat.contact.id).catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: 'NOT_FOUND' });
    const log = await t.acme.ws.events.read({ limit: 1000 });
    expect(log.items.find((e) => e.type === 'contact.merged')?.data).toEqual({
      contactId: mail.contact.id, mergedContactId: chat.contact.id, conversationsMoved: 1,
    });
  });

  it('update merges properties key by key and null deletes', async () => {
    const c = await t.acme.ws.contacts.create({ email: 'a@b.test', properties: { a: 1, b: 2 } });
    const next = await t.acme.ws.contacts.update(c.id, { properties: { b: null, c: 3 } });
    expect(next.properties).toEqual({ a: 1, c: 3 });
    expect(next.email).toBe('a@b.test');
  });

  it('emails are unique per workspace and a contact with conversations cannot be deleted', async () => {
    const { contact } = await write('m1', { email: 'nora@customer.test' });
    const dup = await t.acme.ws.contacts.create({ email: 'Nora@Customer.test' }).catch((e: unknown) => e);
    expect(ConflictError.isInstance(dup)).toBe(true);
    const busy = await t.acme.ws.contacts.delete(contact.id).catch((e: unknown) => e);
    expect(ConflictError.isInstance(busy)).toBe(true);
    const lonely = await t.acme.ws.contacts.create({ name: 'Lonely' });
    await t.acme.ws.contacts.delete(lonely.id);
    expect((await t.acme.ws.contacts.list({ search: 'lonely' })).items).toEqual([]);
  });

  it('sidebar lists previous conversations newest first, only from inboxes the viewer sees', async () => {
    const a = await write('m1', { email: 'nora@customer.test' });
    await t.h.clock.advance(1000);
    const b = accepted(await t.h.kit.ingest({ workspaceId: t.acme.acme.id, channelId: t.acme.salesChannel.id, externalId: 's1', from: { email: 'nora@customer.test' }, text: 'x' }));
    const host = await t.acme.ws.contacts.sidebar(a.contact.id);
    expect(host.previousConversations.map((c) => c.id)).toEqual([b.conversation.id, a.conversation.id]);
    const kari = await t.acme.ws.asUser(t.acme.kari.id).contacts.sidebar(a.contact.id);
    expect(kari.previousConversations.map((c) => c.id)).toEqual([a.conversation.id]);
  });
});
