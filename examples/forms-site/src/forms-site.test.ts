import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFormsSite, type FormsSite } from './site.js';

let site: FormsSite;
beforeEach(async () => {
  site = await startFormsSite({ minFillMs: 0 });
});
afterEach(() => site.close());

describe('the forms-site example', () => {
  it('serves the page with a server-issued token; a multipart post becomes a routed conversation answered by email', async () => {
    const html = await (await fetch(`${site.url}/contact`)).text();
    const token = /name="_token" value="([^"]+)"/.exec(html)?.[1];
    const action = /action="([^"]+)"/.exec(html)?.[1];
    expect(token).toMatch(/^v1\./);
    expect(action).toBe(`/forms/${site.form.id}/submissions`);

    const body = new FormData();
    body.set('_token', token!);
    body.set('email', 'nora@customer.test');
    body.set('name', 'Nora');
    body.set('message', 'Do you ship to Norway?');
    body.set('screenshot', new File(['png bytes'], 'cart.png', { type: 'image/png' }));
    body.set('_pageUrl', `${site.url}/contact`);
    const response = await fetch(`${site.url}${action}`, { method: 'POST', body });
    expect(response.status).toBe(201);

    await site.kit.idle();
    const [conversation] = (await site.ws.conversations.list()).items;
    expect(conversation).toMatchObject({ subject: 'Shop contact form', assigneeId: site.agentId });
    const [message] = (await site.ws.conversations.timeline(conversation!.id)).items;
    expect(message?.text).toContain('Message: Do you ship to Norway?');
    expect(message?.kind === 'message' && message.attachments.map((a) => a.filename)).toEqual(['cart.png']);

    const reply = await site.ws.conversations.reply(conversation!.id, { authorId: site.agentId, text: 'Yes, we do.' });
    expect(reply.deliveryStatus).toBe('sent');
    expect(site.email.sent[0]?.contact.email).toBe('nora@customer.test');
  });

  it('shows validation errors without storing anything', async () => {
    const html = await (await fetch(`${site.url}/contact`)).text();
    const token = /name="_token" value="([^"]+)"/.exec(html)![1]!;
    const response = await fetch(`${site.url}/forms/${site.form.id}/submissions`, { method: 'POST', body: new URLSearchParams({ _token: token, email: 'nope' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: { email: 'enter a valid email address', message: 'this field is required' } } });
    expect((await site.ws.conversations.list()).items).toEqual([]);
  });
});
