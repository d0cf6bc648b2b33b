import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '@inboxkit/core';
import { accepted, seedAcme, startKit, type Harness } from './setup.js';

// Walks through the inbox as the seed help article describes it.
describe('the conversations inbox, end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startKit({
      associations: [
        { name: 'companies', forContact: async (c) => (c.email?.endsWith('@customer.test') ? [{ type: 'company', id: 'co-1', title: 'Customer AS' }] : []) },
        { name: 'deals', forContact: async () => Promise.reject(new Error('CRM down')) },
      ],
    });
  });
  afterEach(() => h.stop());

  it('a customer writes, an agent works the conversation, the customer writes again', async () => {
    const acme = await seedAcme(h.kit);
    const { ws, kari, ola, supportChannel, supportInbox } = acme;
    const { nextCursor: afterSeeding } = await ws.events.read({ limit: 1000 });
    const seen: InboxEvent[] = [];
    h.kit.events.on('*', (e) => seen.push(e));

    // An earlier, closed conversation of the same customer.
    const earlier = accepted(await h.channel.push({
      workspaceId: acme.acme.id, channelId: supportChannel.id, from: { email: 'Nora@Customer.test', name: 'Nora' },
      subject: 'Invoice', text: 'Where is my invoice?',
    }));
    await ws.conversations.close(earlier.conversation.id, { by: kari.id });
    await h.clock.advance(3_600_000);

    // The customer writes: the conversation appears in the Support inbox.
    const first = accepted(await h.channel.push({
      workspaceId: acme.acme.id, channelId: supportChannel.id, from: { email: 'nora@customer.test' },
      subject: 'Login broken', text: 'I cannot log in',
    }));
    expect(first.created).toBe(true);
    expect(first.contact.id).toBe(earlier.contact.id);
    const asKari = ws.asUser(kari.id);
    const open = await asKari.conversations.list({ inboxId: supportInbox.id, status: 'open' });
    expect(open.items.map((c) => c.id)).toEqual([first.conversation.id]);

    // The agent opens it and sees the sidebar with the earlier conversation and associations.
    const sidebar = await asKari.contacts.sidebar(first.contact.id, { excludeConversationId: first.conversation.id });
    expect(sidebar.previousConversations.map((c) => c.id)).toEqual([earlier.conversation.id]);
    expect(sidebar.associations).toEqual([
      { provider: 'companies', items: [{ type: 'company', id: 'co-1', title: 'Customer AS' }], error: null },
      { provider: 'deals', items: [], error: 'CRM down' },
    ]);

    // Comments with a mention, reassigns to a teammate (member through the Tier 2 sub-team).
    const note = await asKari.conversations.comment(first.conversation.id, { authorId: kari.id, text: `@[${ola.id}] can you take this?` });
    expect(note.mentions).toEqual([ola.id]);
    const assigned = await asKari.conversations.assign(first.conversation.id, { userId: ola.id, teamId: acme.support.id });
    expect(assigned).toMatchObject({ assigneeId: ola.id, teamId: acme.support.id });

    // The teammate replies; the test channel captures the outgoing message.
    const asOla = ws.asUser(ola.id);
    const reply = await asOla.conversations.reply(first.conversation.id, { authorId: ola.id, text: 'Try resetting your password.' });
    expect(reply.deliveryStatus).toBe('sent');
    expect(h.channel.sent).toHaveLength(1);
    expect(h.channel.sent[0]!.contact.email).toBe('nora@customer.test');
    expect(h.channel.sent[0]!.author?.name).toBe('Ola Nordmann');
    await asOla.conversations.close(first.conversation.id);

    // The customer writes again, threading on the reply's id: the conversation reopens.
    await h.clock.advance(60_000);
    const again = accepted(await h.channel.push({
      workspaceId: acme.acme.id, channelId: supportChannel.id, from: { email: 'nora@customer.test' },
      text: 'That worked, thanks!', threadRefs: [reply.externalId!],
    }));
    expect(again.created).toBe(false);
    expect(again.conversation).toMatchObject({ id: first.conversation.id, status: 'open', closedAt: null, assigneeId: ola.id });

    const timeline = await asOla.conversations.timeline(first.conversation.id);
    expect(timeline.items.map((i) => [i.kind, i.text])).toEqual([
      ['message', 'I cannot log in'],
      ['comment', `@[${ola.id}] can you take this?`],
      ['message', 'Try resetting your password.'],
      ['message', 'That worked, thanks!'],
    ]);
    const types = seen.filter((e) => 'conversationId' in e.data && e.data.conversationId === first.conversation.id).map((e) => e.type);
    expect(types).toEqual([
      // Commenting and being mentioned follow the conversation (replying again adds nothing).
      'conversation.created', 'message.received', 'comment.created', 'conversation.followed', 'conversation.followed',
      'conversation.assigned', 'message.sent',
      'message.delivery.changed', 'conversation.status.changed', 'conversation.status.changed', 'message.received',
    ]);
    const log = await ws.events.read({ after: afterSeeding, limit: 1000 });
    expect(log.items.map((e) => e.id)).toEqual(seen.map((e) => e.id));
  });
});
