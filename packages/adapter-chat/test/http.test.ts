import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatChannel } from '../src/index.js';
import { SHOP, startChat, type ChatHarness } from './harness.js';

let h: ChatHarness;
beforeEach(async () => {
  h = await startChat({ chatOptions: { widgetScript: '/* widget */' } });
  const ws = h.kit.workspace(h.workspaceId);
  await ws.chatflows.create({
    channelId: h.channelId,
    name: 'Pricing chat',
    type: 'live-chat',
    targeting: { include: [[{ on: 'url', op: 'contains', value: '/pricing' }]], exclude: [[{ on: 'url', op: 'contains', value: '/pricing/enterprise' }]] },
    triggers: [{ type: 'timeOnPage', seconds: 3 }],
    welcomeMessage: 'Questions about pricing?',
    profile: { userId: h.agentId },
  });
});
afterEach(() => h.stop());

const match = (url: string, origin: string | null = SHOP, ids = h) =>
  fetch(`${h.baseUrl}/chat/match?workspaceId=${ids.workspaceId}&channelId=${ids.channelId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify({ url }),
  });

describe('chat HTTP routes', () => {
  it('serves the widget script', async () => {
    const response = await fetch(`${h.baseUrl}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toBe('/* widget */');
  });

  it('matches the chatflow of a targeted page, with profile, triggers and availability, for an allowed origin', async () => {
    const response = await match(`${SHOP}/pricing`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    const body = await response.json();
    expect(body.chatflow).toMatchObject({ type: 'live-chat', welcomeMessage: 'Questions about pricing?' });
    expect(body.profile).toMatchObject({ type: 'user', name: 'Ada Agent' });
    expect(body.triggers).toEqual([{ type: 'timeOnPage', seconds: 3 }]);
    expect(body.availability).toMatchObject({ open: true });
    expect(body).not.toHaveProperty('explanation'); // targeting rules stay on the server
  });

  it('shows nothing on an excluded or untargeted page', async () => {
    expect((await (await match(`${SHOP}/pricing/enterprise`)).json()).chatflow).toBeNull();
    expect((await (await match(`${SHOP}/about`)).json()).chatflow).toBeNull();
  });

  it('refuses other origins without CORS headers, and answers preflights only for allowed ones', async () => {
    const refused = await match(`${SHOP}/pricing`, 'http://evil.test');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect((await match(`${SHOP}/pricing`, null)).status).toBe(403);
    const url = `${h.baseUrl}/chat/match?workspaceId=${h.workspaceId}&channelId=${h.channelId}`;
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await fetch(url, { method: 'OPTIONS', headers: { Origin: 'http://evil.test' } })).status).toBe(403);
  });

  it('a disconnected channel, an unknown channel and another workspace all show nothing', async () => {
    const other = await h.kit.workspaces.create({ name: 'Other' });
    expect((await (await match(`${SHOP}/pricing`, SHOP, { ...h, workspaceId: other.id })).json()).chatflow).toBeNull();
    expect((await (await match(`${SHOP}/pricing`, SHOP, { ...h, channelId: 'chn_nope' })).json()).chatflow).toBeNull();
    await h.kit.workspace(h.workspaceId).channels.disconnect(h.channelId);
    const response = await match(`${SHOP}/pricing`);
    expect(response.status).toBe(200);
    expect((await response.json()).chatflow).toBeNull();
  });

  it('refuses a malformed body with VALIDATION naming the field', async () => {
    const response = await fetch(`${h.baseUrl}/chat/match?workspaceId=${h.workspaceId}&channelId=${h.channelId}`, {
      method: 'POST',
      headers: { Origin: SHOP },
      body: JSON.stringify({ url: 42 }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('url') });
  });

  it('refuses a bad channel config naming the field, and bad options at the factory', async () => {
    const ws = h.kit.workspace(h.workspaceId);
    const connect = (config: Record<string, unknown>) => ws.channels.connect({ inboxId: h.inboxId, type: 'chat', name: 'x', config });
    await expect(connect({ allowedOrigins: ['https://shop.test/path'] })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('allowedOrigins[0]') });
    await expect(connect({ allowedOrigins: [] })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('allowedOrigins') });
    await expect(connect({ allowedOrigins: [SHOP], requireVerifiedIdentity: true })).rejects.toMatchObject({ message: expect.stringContaining('identitySecretRef') });
    await expect(connect({ allowedOrigins: [SHOP], identitySecret: 'inline' })).rejects.toMatchObject({ message: expect.stringContaining('identitySecret') });
    expect(() => chatChannel({ maxMessageLength: 0 })).toThrow(/maxMessageLength/);
  });

  it('makes a tracking code that loads the widget from the chat server with the channel ids', () => {
    const code = h.chat.trackingCode({ workspaceId: h.workspaceId, channelId: h.channelId, baseUrl: 'https://chat.acme.test/' });
    expect(code).toBe(
      `<script src="https://chat.acme.test/widget.js" data-inboxkit-chat data-workspace-id="${h.workspaceId}" data-channel-id="${h.channelId}" data-base-url="https://chat.acme.test" async></script>`,
    );
    expect(h.chat.trackingCode({ workspaceId: '"><x', channelId: 'c', baseUrl: 'https://a.test' })).toContain('data-workspace-id="&quot;&gt;&lt;x"');
  });
});
