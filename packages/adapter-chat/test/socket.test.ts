import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createIdentityToken } from '../src/index.js';
import { IDENTITY_SECRET, eventually, newVisitorId, openVisitor, startChat, type ChatHarness, type Visitor } from './harness.js';

let h: ChatHarness;
const open: Visitor[] = [];
beforeEach(async () => {
  h = await startChat();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((v) => v.close()));
  await h.stop();
});

async function visitor(hello: Record<string, unknown> = {}, url = h.wsUrl): Promise<Visitor> {
  const v = await openVisitor(url);
  open.push(v);
  v.send({ type: 'hello', visitorId: newVisitorId(), pageUrl: 'https://shop.test/pricing', ...hello });
  return v;
}

const token = (email: string, name = 'Grace') => createIdentityToken({ email, name, expiresAt: Date.now() + 60_000 }, IDENTITY_SECRET);

describe('chat WebSocket sessions', () => {
  it('a visitor message opens a routed conversation; the agent reply reaches the socket; notes never do', async () => {
    const v = await visitor();
    expect(await v.next('welcome')).toMatchObject({ conversationId: null, verified: false });
    v.send({ type: 'message', clientId: 'c1', text: 'Hello, <b>is anyone</b> there?' });
    const echoed = await v.next('message', (m) => m.clientId === 'c1');
    expect(echoed).toMatchObject({ direction: 'incoming', text: 'Hello, <b>is anyone</b> there?', author: { type: 'contact' } });

    const ws = h.kit.workspace(h.workspaceId);
    const [conversation] = (await ws.conversations.list({ inboxId: h.inboxId })).items;
    expect(conversation).toMatchObject({ channelId: h.channelId, assigneeId: h.agentId, status: 'open' });
    const [stored] = (await ws.conversations.timeline(conversation!.id)).items;
    expect(stored).toMatchObject({ kind: 'message', html: null, metadata: { chat: { verified: false, clientId: 'c1', pageUrl: 'https://shop.test/pricing' } } });

    await ws.conversations.comment(conversation!.id, { authorId: h.agentId, text: 'internal: VIP?' });
    const reply = await ws.conversations.reply(conversation!.id, { authorId: h.agentId, text: 'Hi! How can I help?' });
    expect(reply.deliveryStatus).toBe('sent');
    const got = await v.next('message', (m) => m.direction === 'outgoing');
    expect(got).toMatchObject({ id: reply.id, text: 'Hi! How can I help?', author: { type: 'user', name: 'Ada Agent' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(v.messages().map((m) => m.text)).toEqual(['Hello, <b>is anyone</b> there?', 'Hi! How can I help?']);
  });

  it("shows the visitor an agent typing (ws.presence), and that they stopped, never another conversation's agent", async () => {
    const v = await visitor();
    v.send({ type: 'message', clientId: 'c1', text: 'hello?' });
    const mine = await v.next('message', (m) => m.clientId === 'c1');
    const other = await visitor();
    other.send({ type: 'message', clientId: 'o1', text: 'me too' });
    await other.next('message', (m) => m.clientId === 'o1');

    const agent = h.kit.workspace(h.workspaceId).asUser(h.agentId);
    await agent.presence.typing(mine.conversationId);
    expect(await v.next('typing')).toEqual({ type: 'typing', typing: true, name: 'Ada Agent' });
    await agent.presence.leave(mine.conversationId);
    expect(await v.next('typing', (f) => !f.typing)).toEqual({ type: 'typing', typing: false, name: null });
    await agent.presence.viewing(mine.conversationId); // viewing alone is not typing
    await new Promise((r) => setTimeout(r, 100));
    expect(v.frames.filter((f) => f.type === 'typing')).toHaveLength(2);
    expect(other.frames.some((f) => f.type === 'typing')).toBe(false);
  });

  it('resumes after a disconnect: missed replies arrive once, in order; a resent message is not duplicated', async () => {
    const visitorId = newVisitorId();
    const first = await visitor({ visitorId });
    first.send({ type: 'message', clientId: 'c1', text: 'first' });
    const mine = await first.next('message', (m) => m.clientId === 'c1');
    await first.close();

    const ws = h.kit.workspace(h.workspaceId);
    const conversation = (await ws.conversations.list({ inboxId: h.inboxId })).items[0]!;
    for (const text of ['one', 'two', 'three']) await ws.conversations.reply(conversation.id, { authorId: h.agentId, text });

    const again = await visitor({ visitorId, resume: mine.id });
    expect(await again.next('welcome')).toMatchObject({ conversationId: conversation.id });
    await again.next('message', (m) => m.text === 'three');
    again.send({ type: 'message', clientId: 'c1', text: 'first' }); // the widget resends what it never saw acknowledged
    again.send({ type: 'message', clientId: 'c2', text: 'second' });
    await again.next('message', (m) => m.clientId === 'c2');
    await new Promise((r) => setTimeout(r, 100));
    expect(again.messages().map((m) => m.text)).toEqual(['one', 'two', 'three', 'second']);
    const timeline = (await ws.conversations.timeline(conversation.id)).items.map((i) => i.text);
    expect(timeline).toEqual(['first', 'one', 'two', 'three', 'second']);

    const fresh = await visitor({ visitorId }); // a new tab: the whole transcript
    await fresh.next('message', (m) => m.text === 'second');
    expect(fresh.messages().map((m) => m.text)).toEqual(timeline);
  });

  it('a verified visitor joins its contact; an unverified email claim never does', async () => {
    const ws = h.kit.workspace(h.workspaceId);
    const grace = await ws.contacts.create({ email: 'grace@example.com', name: 'Grace' });

    const claimer = await visitor({ claimedEmail: 'grace@example.com' });
    expect(await claimer.next('welcome')).toMatchObject({ verified: false, email: null });
    claimer.send({ type: 'message', clientId: 'c1', text: 'I am Grace, honest' });
    await claimer.next('message');
    const claimed = (await ws.conversations.list({ inboxId: h.inboxId })).items[0]!;
    expect(claimed.contactId).not.toBe(grace.id);
    expect((await ws.conversations.timeline(claimed.id)).items[0]).toMatchObject({ metadata: { chat: { verified: false, claimedEmail: 'grace@example.com' } } });

    const verified = await visitor({ identityToken: token('Grace@Example.com') });
    expect(await verified.next('welcome')).toMatchObject({ verified: true, email: 'grace@example.com' });
    verified.send({ type: 'message', clientId: 'c1', text: 'Signed in now' });
    await verified.next('message');
    const conversations = (await ws.conversations.list({ contactId: grace.id })).items;
    expect(conversations).toHaveLength(1);
    expect((await ws.conversations.timeline(conversations[0]!.id)).items[0]).toMatchObject({ metadata: { chat: { verified: true } } });
  });

  it('refuses a forged or expired identity token, and anonymous visitors when identity is required', async () => {
    const forged = await visitor({ identityToken: createIdentityToken({ email: 'grace@example.com', expiresAt: Date.now() + 60_000 }, 'wrong-secret') });
    expect(await forged.closed).toEqual({ code: 4401, reason: 'identity token refused (bad-signature)' });
    const expired = await visitor({ identityToken: createIdentityToken({ email: 'grace@example.com', expiresAt: Date.now() - 1 }, IDENTITY_SECRET) });
    expect((await expired.closed).code).toBe(4401);

    await h.kit.workspace(h.workspaceId).channels.update(h.channelId, {
      config: { allowedOrigins: ['https://shop.test'], identitySecretRef: 'chat-identity', requireVerifiedIdentity: true },
    });
    const anonymous = await visitor();
    expect(await anonymous.closed).toEqual({ code: 4401, reason: 'this chat needs a verified identity' });
    const signedIn = await visitor({ identityToken: token('grace@example.com') });
    expect(await signedIn.next('welcome')).toMatchObject({ verified: true });
  });

  it('refuses the upgrade from another origin, for an unknown channel, and beyond the per-IP connection limit', async () => {
    const status = (url: string, origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, { origin });
        socket.on('unexpected-response', (_, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => resolve(101));
      });
    expect(await status(h.wsUrl, 'http://evil.test')).toBe(403);
    expect(await status(h.wsUrl.replace(h.channelId, 'chn_nope'), 'https://shop.test')).toBe(404);
    await h.stop();
    h = await startChat({ chatOptions: { maxConnectionsPerIp: 2 } });
    open.push(await openVisitor(h.wsUrl), await openVisitor(h.wsUrl));
    expect(await status(h.wsUrl, 'https://shop.test')).toBe(429);
    await open.pop()!.close();
    await eventually(async () => h.chat.connections === 1, 'the closed socket to free its slot');
    open.push(await openVisitor(h.wsUrl));
  });

  it('enforces the message size and the per-visitor rate limit', async () => {
    await h.stop();
    h = await startChat({ chatOptions: { maxMessageLength: 20, messageBurst: 2, messagesPerMinute: 1 } });
    const v = await visitor();
    await v.next('welcome');
    v.send({ type: 'message', clientId: 'long', text: 'x'.repeat(21) });
    expect(await v.next('error')).toMatchObject({ code: 'TOO_LONG' });
    for (const id of ['a', 'b', 'c']) v.send({ type: 'message', clientId: id, text: id });
    expect(await v.next('error', (e) => e.code === 'RATE_LIMITED')).toBeTruthy();
    await v.next('message', (m) => m.clientId === 'b');
    expect(v.messages().map((m) => m.clientId)).toEqual(['a', 'b']);
  });

  it('records the visitor typing and read state where agents (in any process) can read it', async () => {
    const v = await visitor();
    v.send({ type: 'message', clientId: 'c1', text: 'hello' });
    const mine = await v.next('message');
    const conversationId = mine.conversationId;
    expect(await h.chat.visitorActivity({ workspaceId: h.workspaceId, conversationId })).toBeNull();
    v.send({ type: 'typing', typing: true });
    const typing = await eventually(async () => (await h.chat.visitorActivity({ workspaceId: h.workspaceId, conversationId }))?.typingAt, 'typing');
    expect(typing).toBeGreaterThan(0);
    v.send({ type: 'read', messageId: mine.id });
    v.send({ type: 'typing', typing: false });
    const activity = await eventually(
      async () => {
        const a = await h.chat.visitorActivity({ workspaceId: h.workspaceId, conversationId });
        return a?.typingAt === null && a.read ? a : null;
      },
      'read and stopped typing',
    );
    expect(activity.read).toMatchObject({ messageId: mine.id });
  });

  it('refuses frames before hello and garbage frames without crashing the session', async () => {
    const v = await openVisitor(h.wsUrl);
    open.push(v);
    v.send({ type: 'message', clientId: 'c1', text: 'hi' });
    expect((await v.closed).code).toBe(4400);
    const w = await visitor();
    await w.next('welcome');
    w.socket.send('not json');
    expect(await w.next('error')).toMatchObject({ code: 'BAD_FRAME' });
    w.send({ type: 'ping' });
    await w.next('pong');
  });

  it('keeps visitors of two workspaces apart: a reply in one never reaches the other', async () => {
    const a = await visitor();
    a.send({ type: 'message', clientId: 'c1', text: 'from A' });
    await a.next('message');
    const other = await h.kit.workspaces.create({ name: 'Other' });
    const ows = h.kit.workspace(other.id);
    const agent = await ows.users.create({ name: 'Otto', email: 'otto@other.test', role: 'admin' });
    const inbox = await ows.inboxes.create({ name: 'Other support', members: { users: [agent.id] } });
    const channel = await ows.channels.connect({ inboxId: inbox.id, type: 'chat', name: 'Chat', config: { allowedOrigins: ['https://shop.test'] } });
    const bUrl = h.wsUrl.replace(h.workspaceId, other.id).replace(h.channelId, channel.id);
    const b = await visitor({}, bUrl);
    await b.next('welcome');
    // One workspace's id with another's channel: unknown.
    const crossed = new WebSocket(h.wsUrl.replace(h.channelId, channel.id), { origin: 'https://shop.test' });
    expect(await new Promise((r) => crossed.on('unexpected-response', (_, res) => r(res.statusCode)))).toBe(404);
    const ws = h.kit.workspace(h.workspaceId);
    const conversation = (await ws.conversations.list({ inboxId: h.inboxId })).items[0]!;
    await ws.conversations.reply(conversation.id, { authorId: h.agentId, text: 'only for A' });
    await a.next('message', (m) => m.text === 'only for A');
    await new Promise((r) => setTimeout(r, 100));
    expect(b.messages()).toEqual([]);
    expect((await ows.conversations.list({})).items).toEqual([]);
  });
});
