import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportDesk } from './support-desk.js';
import { conversationBySubject, startTestDesk, testAgent } from './test-agent.js';

let desk: SupportDesk;
beforeAll(async () => {
  desk = await startTestDesk();
});
afterAll(() => desk?.close());

const conversationPath = (location: string | null) => {
  expect(location).toMatch(/^\/conversations\/conv_/);
  return location!;
};

describe('the agent UI over HTTP', () => {
  it('asks who you are, then opens your first inbox', async () => {
    const anonymous = await fetch(`${desk.urls.agent}/`, { redirect: 'manual' });
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/sign-in']);
    const picker = await (await fetch(`${desk.urls.agent}/sign-in`)).text();
    expect(picker).toContain('Ingrid Berg');
    expect(picker).toContain(desk.fallbackAddresses.support);
    const signIn = await fetch(`${desk.urls.agent}/sign-in`, { method: 'POST', body: new URLSearchParams({ userId: desk.org.users.ola.id }), redirect: 'manual' });
    expect(signIn.headers.get('set-cookie')).toMatch(new RegExp(`^desk_user=${desk.org.users.ola.id}; Path=/; HttpOnly; SameSite=Lax`));
    const home = await testAgent(desk, desk.org.users.ola.id).get('/');
    expect(home.location).toBe(`/inbox/${desk.org.inboxes.support.id}/unassigned`);
  });

  it('walks a conversation: list, open, reply, comment with a mention, assign, close, reopen, snooze', async () => {
    const ola = testAgent(desk, desk.org.users.ola.id);
    const support = desk.org.inboxes.support.id;
    const id = await conversationBySubject(desk, 'Password reset mail never arrives');

    const unassigned = await ola.get(`/inbox/${support}/unassigned`);
    expect(unassigned.status).toBe(200);
    expect(unassigned.html).toContain('Maria Sæther');
    expect(unassigned.html).toContain(`href="/conversations/${id}"`);

    expect(unassigned.html).toMatch(new RegExp(`<li class="row open unread">\\s*<a href="/conversations/${id}"`));
    const page = await ola.get(`/conversations/${id}`);
    expect(page.html).toContain('I have tried three times, no reset email.');
    expect((await ola.get(`/inbox/${support}/unassigned`)).html).toMatch(new RegExp(`<li class="row open">\\s*<a href="/conversations/${id}"`)); // read now
    expect((await ola.post(`/conversations/${id}/mark-unread`, {})).location).toBe(`/inbox/${support}/open`);
    expect((await desk.ws.conversations.readState(id, { userId: desk.org.users.ola.id })).unread).toBe(true);

    const reply = await ola.post(`/conversations/${id}/reply`, { text: 'I have resent it from another server, Maria.' });
    expect(conversationPath(reply.location)).toBe(`/conversations/${id}`);
    expect(desk.outbox.sent.at(-1)).toMatchObject({ to: 'maria@example.net', subject: 'Re: Password reset mail never arrives' });

    await ola.post(`/conversations/${id}/comment`, { text: '@Ingrid can you check the mail logs?' });
    const items = (await desk.ws.conversations.timeline(id)).items;
    expect(items.map((i) => [i.kind, i.text.trim()])).toEqual([
      ['message', 'I have tried three times, no reset email. Not in spam either.'],
      ['message', 'I have resent it from another server, Maria.'],
      ['comment', `@[${desk.org.users.ingrid.id}] can you check the mail logs?`],
    ]);
    const afterComment = await ola.get(`/conversations/${id}`);
    expect(afterComment.html).toContain('<mark class="mention">@Ingrid Berg</mark> can you check the mail logs?');

    await ola.post(`/conversations/${id}/assign`, { userId: desk.org.users.ola.id });
    expect((await ola.get(`/inbox/${support}/mine`)).html).toContain(`/conversations/${id}`);
    expect((await ola.get(`/inbox/${support}/unassigned`)).html).not.toContain(`/conversations/${id}`);

    await ola.post(`/conversations/${id}/close`, {});
    expect((await desk.ws.conversations.get(id)).status).toBe('closed');
    expect((await ola.get(`/inbox/${support}/closed`)).html).toContain(`/conversations/${id}`);
    expect((await ola.get(`/conversations/${id}`)).html).toContain('>Reopen</button>');
    await ola.post(`/conversations/${id}/reopen`, {});
    expect((await desk.ws.conversations.get(id)).status).toBe('open');
    await ola.post(`/conversations/${id}/snooze`, {});
    expect((await desk.ws.conversations.get(id)).snoozedUntil).toBeGreaterThan(Date.now() + 86_000_000);
    expect((await ola.get(`/conversations/${id}`)).html).toContain('snoozed until');
    expect((await ola.get(`/inbox/${support}/mine`)).html).toContain(`/conversations/${id}`);
  });

  it('tags conversations, filters by tag, fills in snippets and shows who else is there', async () => {
    const kari = testAgent(desk, desk.org.users.kari.id);
    const ola = testAgent(desk, desk.org.users.ola.id);
    const support = desk.org.inboxes.support.id;
    const id = await conversationBySubject(desk, 'Change of billing address');
    const { billing, vip } = desk.org.tags;
    await kari.post(`/conversations/${id}/tag`, { tagId: billing });
    expect((await desk.ws.conversations.get(id)).tagIds).toEqual([billing]);
    const page = await kari.get(`/conversations/${id}`);
    expect(page.html).toContain('aria-label="Remove tag Billing"');
    const tagged = await kari.get(`/inbox/${support}/closed?tagId=${billing}`);
    expect(tagged.html).toContain(`/conversations/${id}`);
    expect(tagged.html).toContain('tagged Billing');
    expect((await kari.get(`/inbox/${support}/closed?tagId=${vip}`)).html).not.toContain(`/conversations/${id}`);
    await kari.post(`/conversations/${id}/untag`, { tagId: billing });
    expect((await desk.ws.conversations.get(id)).tagIds).toEqual([]);

    const snippet = (await desk.ws.snippets.list({ inboxId: support })).items.find((s) => s.shortcut === 'thanks')!;
    const withSnippet = await ola.get(`/conversations/${id}?snippet=${snippet.id}`);
    expect(withSnippet.html).toContain('>Thanks for reaching out, Ole! I am looking into it now.\n\nOla Hansen, Support</textarea>');
    expect(withSnippet.html).not.toContain('/shipping'); // a Sales snippet is not offered in Support

    expect((await ola.post(`/conversations/${id}/presence`, { state: 'viewing' })).status).toBe(204);
    expect((await kari.get(`/conversations/${id}`)).html).toContain('Ola Hansen is viewing');
    await ola.post(`/conversations/${id}/presence`, { state: 'typing' });
    expect((await kari.get(`/conversations/${id}`)).html).toContain('Ola Hansen is typing…');
    expect((await ola.get(`/conversations/${id}`)).html).not.toContain('Ola Hansen is'); // not shown to yourself
    await ola.post(`/conversations/${id}/presence`, { state: 'left' });
    expect((await kari.get(`/conversations/${id}`)).html).not.toContain('Ola Hansen is');
    expect((await ola.post(`/conversations/${id}/presence`, { state: 'dancing' })).status).toBe(400);
  });

  it('searches conversations as the signed-in agent, within their inboxes', async () => {
    const vat = await conversationBySubject(desk, 'Invoice shows the wrong VAT');
    const wholesale = await conversationBySubject(desk, 'Packaging options for wholesale');
    const kari = await testAgent(desk, desk.org.users.kari.id).get('/search?q=vat');
    expect(kari.html).toContain(`/conversations/${vat}`);
    expect((await testAgent(desk, desk.org.users.kari.id).get('/search?q=wholesale')).html).toContain(`/conversations/${wholesale}`);
    const ingrid = await testAgent(desk, desk.org.users.ingrid.id).get('/search?q=wholesale'); // Sales is not hers
    expect(ingrid.html).not.toContain(`/conversations/${wholesale}`);
    expect(ingrid.html).toContain('No conversation matches “wholesale”');
    const odd = await testAgent(desk, desk.org.users.kari.id).get(`/search?q=${encodeURIComponent('<b>vat')}`);
    expect(odd.html).toContain('“&lt;b&gt;vat”');
  });

  it('shows an agent their notifications and lets them go away for routing', async () => {
    const lars = testAgent(desk, desk.org.users.lars.id);
    const id = await conversationBySubject(desk, 'Do you ship outside Norway?');
    await testAgent(desk, desk.org.users.kari.id).post(`/conversations/${id}/comment`, { text: '@Lars Johansen can you take this one?' });
    await desk.kit.idle();
    const header = await lars.get(`/inbox/${desk.org.inboxes.sales.id}/open`);
    expect(header.html).toMatch(/Notifications <span class="unread">\d+<\/span>/);
    const list = await lars.get('/notifications');
    expect(list.html).toContain(`<li class="fresh"><span class="badge">Mention</span><a href="/conversations/${id}">`);
    expect((await lars.get('/notifications')).html).not.toContain('class="fresh"'); // seen now

    const away = await lars.post('/me/availability', { availability: 'away' }, { referer: `${desk.urls.agent}/analytics` });
    expect(away.location).toBe('/analytics');
    expect((await desk.ws.users.get(desk.org.users.lars.id)).availability).toBe('away');
    expect((await lars.get('/analytics')).html).toContain('>Away</button>');
    await lars.post('/me/availability', { availability: 'available' });
    expect((await desk.ws.users.get(desk.org.users.lars.id)).availability).toBe('available');
  });

  it('shows an agent only their inboxes: other inboxes and their conversations are not found', async () => {
    const ingrid = testAgent(desk, desk.org.users.ingrid.id); // Tier 2, a sub-team of Support
    const quote = await conversationBySubject(desk, 'Packaging options for wholesale'); // Sales
    const home = await ingrid.get(`/inbox/${desk.org.inboxes.support.id}/open`);
    expect(home.html).toContain('>Support</a>');
    expect(home.html).not.toContain('>Sales</a>');
    expect((await ingrid.get(`/inbox/${desk.org.inboxes.sales.id}/open`)).status).toBe(404);
    const hidden = await ingrid.get(`/conversations/${quote}`);
    expect(hidden.status).toBe(404);
    expect(hidden.html).not.toContain('Packaging');
    expect((await ingrid.post(`/conversations/${quote}/close`, {})).status).toBe(404);
    expect((await desk.ws.conversations.get(quote)).status).toBe('open');
  });

  it('pages long lists with keyset cursors', async () => {
    const kari = testAgent(desk, desk.org.users.kari.id);
    for (let i = 0; i < 30; i++) {
      await desk.kit.ingest({ workspaceId: desk.ws.id, channelId: desk.org.chatChannelId, externalId: `many-${i}`, from: { visitorId: `v_many${i}` }, text: `question ${i}` });
    }
    const first = await kari.get(`/inbox/${desk.org.inboxes.support.id}/open`);
    const rows = (h: string) => [...h.matchAll(/href="\/conversations\/(conv_[^"]+)"/g)].map((m) => m[1]);
    const cursor = /href="\?cursor=([^"]+)">Older conversations/.exec(first.html)?.[1];
    expect(rows(first.html)).toHaveLength(25);
    const second = await kari.get(`/inbox/${desk.org.inboxes.support.id}/open?cursor=${cursor}`);
    expect(rows(second.html).length).toBeGreaterThan(5);
    expect(rows(second.html).filter((id) => rows(first.html).includes(id))).toEqual([]);
  });

  it('releases spam, marks spam, and moves a conversation to another inbox', async () => {
    const kari = testAgent(desk, desk.org.users.kari.id);
    const support = desk.org.inboxes.support.id;
    const { items } = await desk.ws.conversations.list({ spam: true });
    const spam = items.find((c) => c.subject === 'Boost your SEO by 500%!!!')!;
    expect((await kari.get(`/inbox/${support}/spam`)).html).toContain(`/conversations/${spam.id}`);
    await kari.post(`/conversations/${spam.id}/not-spam`, {});
    expect((await kari.get(`/inbox/${support}/unassigned`)).html).toContain(`/conversations/${spam.id}`);
    await kari.post(`/conversations/${spam.id}/spam`, {});
    expect((await kari.get(`/inbox/${support}/spam`)).html).toContain(`/conversations/${spam.id}`);
    expect((await kari.get(`/conversations/${spam.id}`)).html).toContain('>Not spam</button>');

    const result = await desk.kit.ingest({ workspaceId: desk.ws.id, channelId: desk.org.chatChannelId, externalId: 'move-1', from: { visitorId: 'v_move' }, text: 'How much for 500 seats?' });
    if (result.status !== 'accepted') throw new Error('not accepted');
    const id = result.conversation.id;
    await kari.post(`/conversations/${id}/move`, { inboxId: desk.org.inboxes.sales.id });
    expect((await desk.ws.conversations.get(id)).inboxId).toBe(desk.org.inboxes.sales.id);
    expect((await testAgent(desk, desk.org.users.ingrid.id).get(`/conversations/${id}`)).status).toBe(404); // Support-only agent
    expect((await testAgent(desk, desk.org.users.lars.id).get(`/conversations/${id}`)).html).toContain('How much for 500 seats?');
  });

  it('refuses cross-site form posts and escapes what visitors write', async () => {
    const kari = testAgent(desk, desk.org.users.kari.id);
    const id = await conversationBySubject(desk, 'Change of billing address');
    const forged = await kari.post(`/conversations/${id}/reopen`, {}, { origin: 'http://evil.example' });
    expect(forged.status).toBe(403);
    expect((await desk.ws.conversations.get(id)).status).toBe('closed');

    const result = await desk.kit.ingest({ workspaceId: desk.ws.id, channelId: desk.org.chatChannelId, externalId: 'xss-1', from: { visitorId: 'v_xss' }, text: '<script>alert(1)</script><img src=x onerror=alert(2)>' });
    if (result.status !== 'accepted') throw new Error('not accepted');
    const page = await kari.get(`/conversations/${result.conversation.id}`);
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).not.toContain('<img src=x');
  });

  it('creates a contact for an unknown visitor; a known email merges the visitor into that contact', async () => {
    const kari = testAgent(desk, desk.org.users.kari.id);
    const { items } = await desk.ws.conversations.list({ channelId: desk.org.chatChannelId, limit: 100 });
    const chat = items.find((c) => c.origin.id === desk.org.chatflows.pricing)!;
    const before = await kari.get(`/conversations/${chat.id}`);
    expect(before.html).toContain('Create contact');
    const visitor = chat.contactId;
    const created = await kari.post(`/contacts/${visitor}/create`, { name: 'Nora', email: 'nora@fjordtech.no', conversationId: chat.id });
    expect(created.location).toBe(`/conversations/${chat.id}`);
    const after = await kari.get(`/conversations/${chat.id}`);
    expect(after.html).not.toContain('Create contact');
    expect(after.html).toContain('Nora Lie'); // the existing contact, not a new one
    expect(after.html).toContain('Fjordtech AS'); // from the example association provider
    expect(after.html).toContain('Invoice shows the wrong VAT'); // her previous conversation
    expect((await desk.ws.contacts.findByEmail('nora@fjordtech.no'))!.visitorIds).toContain('v_seed0014');
  });

  it('draws analytics as SVG and explains which chatflow shows on a page', async () => {
    const kari = testAgent(desk, desk.org.users.kari.id);
    const analytics = await kari.get('/analytics');
    expect(analytics.html.match(/<svg class="chart/g)).toHaveLength(4);
    expect(analytics.html).toContain('aria-label="Replies by agent"');
    expect(analytics.html).toContain('>Ingrid Berg</text>');
    expect(analytics.html).toContain('aria-label="Bot funnel: Help center bot"');

    const list = await kari.get('/chatflows');
    expect(list.html).toContain('<code>url contains &quot;/pricing&quot;</code>');
    const explained = await kari.get(`/chatflows?channelId=${desk.org.chatChannelId}&url=${encodeURIComponent(`${desk.urls.site}/help/billing`)}`);
    expect(explained.html).toContain('<strong>Help center bot</strong> shows');
    expect(explained.html).toContain('&quot;Pricing questions&quot;');
  });

  it('takes mail for the fallback addresses over SMTP and streams live changes to open pages', async () => {
    const kari = testAgent(desk, desk.org.users.kari.id);
    const controller = new AbortController();
    const live = await fetch(`${desk.urls.agent}/live`, { headers: { cookie: `desk_user=${desk.org.users.kari.id}` }, signal: controller.signal });
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();

    const [host, port] = desk.urls.smtp.split(':');
    const smtp = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
    await smtp.sendMail({ from: 'Kim <kim@example.org>', to: desk.fallbackAddresses.support, subject: 'Arrived by SMTP', text: 'Hello inbox' });
    smtp.close();

    let stream = '';
    while (!stream.includes('"type":"conversation.created"')) stream += (await reader.read()).value ?? '';
    controller.abort();
    const id = await conversationBySubject(desk, 'Arrived by SMTP');
    expect(stream).toContain(`"conversationId":"${id}"`);
    expect((await kari.get(`/inbox/${desk.org.inboxes.support.id}/unassigned`)).html).toContain('Arrived by SMTP');
    expect((await fetch(`${desk.urls.agent}/assets/app.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });
});
