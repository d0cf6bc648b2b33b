import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createInboxKit, type Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { artifactDir, chromiumAvailable, chromiumSkipReason, launchChromium } from '../../../test-support/browser.js';
import { chatChannel } from '../src/index.js';
import { eventually, SHOP, startChat, type ChatHarness } from './harness.js';
import { bundleWidget } from './widget-bundle.js';

const shots = chromiumAvailable ? artifactDir('chat') : '';

describe.skipIf(!chromiumAvailable)(`chat widget in headless Chromium${chromiumAvailable ? '' : `: ${chromiumSkipReason}`}`, () => {
  let browser: Browser;
  let storage: Storage;
  let h: ChatHarness;
  let widgetScript: string;
  let botFlowId: string;

  beforeAll(async () => {
    widgetScript = await bundleWidget();
    storage = memoryStorage();
    h = await startChat({ storage, chatOptions: { widgetScript } });
    const ws = h.kit.workspace(h.workspaceId);
    await ws.chatflows.create({
      channelId: h.channelId,
      name: 'Pricing',
      type: 'live-chat',
      targeting: { include: [[{ on: 'url', op: 'contains', value: '/pricing' }]], exclude: [[{ on: 'url', op: 'contains', value: '/pricing/enterprise' }]] },
      welcomeMessage: 'Questions about pricing? Ask us!',
      profile: { userId: h.agentId },
    });
    const bot = await ws.chatflows.create({
      channelId: h.channelId,
      name: 'Signup bot',
      type: 'bot',
      targeting: { include: [[{ on: 'url', op: 'contains', value: '/signup' }]] },
      bot: {
        steps: [
          { id: 'ask-email', type: 'question', text: 'What is your email?', validation: { type: 'email', message: 'That does not look like an email. Try again?' }, setContactProperty: 'email', next: 'plan' },
          { id: 'plan', type: 'question', text: 'Which plan?', validation: { type: 'options', options: [{ label: 'Starter' }, { label: 'Pro' }] }, next: 'handoff' },
          { id: 'handoff', type: 'handoff', text: 'Thanks! Connecting you with Ada.', to: { userId: h.agentId } },
        ],
      },
    });
    botFlowId = bot.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  /** A page on https://shop.test (served by page.route) with the tracking code from the chat server. */
  async function shopPage(path: string): Promise<Page> {
    // The shop is a public https origin and the chat server is on loopback: Chromium asks for
    // the local-network-access permission, which a real deployment (a public chat server) never needs.
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, permissions: ['local-network-access'] });
    const page = await context.newPage();
    const code = h.chat.trackingCode({ workspaceId: h.workspaceId, channelId: h.channelId, baseUrl: h.baseUrl });
    await page.route(`${SHOP}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop ${path}</h1><p style="height:2000px">Products</p>${code}</body></html>`,
      }),
    );
    page.on('pageerror', (error) => console.error('page error', error));
    await page.goto(`${SHOP}${path}`);
    return page;
  }

  const loaded = (page: Page) => page.waitForFunction(() => window.InboxKit?.chat?.status().loaded === true);

  /** A shop page with the chat panel opened by its launcher. */
  async function openChat(path: string) {
    const page = await shopPage(path);
    await loaded(page);
    await page.getByRole('button', { name: 'Open chat' }).click();
    return { page, box: page.getByRole('textbox', { name: 'Message' }), log: page.getByRole('log', { name: 'Chat messages' }) };
  }

  it('shows on a targeted page and not on an excluded one', async () => {
    const excluded = await shopPage('/pricing/enterprise');
    const matched = excluded.waitForResponse((r) => r.url().includes('/chat/match'));
    expect((await (await matched).json()).chatflow).toBeNull();
    expect(await excluded.evaluate(() => window.InboxKit!.chat!.status().loaded)).toBe(false);
    await expect(excluded.getByRole('button', { name: /chat/i }).count()).resolves.toBe(0);
    await excluded.close();

    const page = await shopPage('/pricing');
    await loaded(page);
    expect(await page.getByRole('button', { name: /chat/i }).count()).toBe(1);
    await page.screenshot({ path: join(shots, 'launcher.png') });
    await page.close();
  });

  it('a visitor chats by keyboard alone; the conversation is routed; the agent reply appears in the page', async () => {
    const page = await shopPage('/pricing');
    await loaded(page);
    await page.getByRole('button', { name: 'Open chat' }).focus();
    await page.keyboard.press('Enter');
    const box = page.getByRole('textbox', { name: 'Message' });
    // Opening moves focus into the panel's textbox (inside the shadow root).
    await expect(box.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).resolves.toBe(true);
    await page.keyboard.type('<img src=x onerror=alert(1)> Do you have a <b>discount</b>?');
    await page.keyboard.press('Enter');

    const ws = h.kit.workspace(h.workspaceId);
    const conversation = await eventually(async () => (await ws.conversations.list({ inboxId: h.inboxId })).items[0], 'the conversation');
    expect(conversation).toMatchObject({ assigneeId: h.agentId, channelId: h.channelId });
    // The agent types first: the visitor sees it in a status region, gone once the reply lands.
    await ws.asUser(h.agentId).presence.typing(conversation.id);
    const typing = page.getByRole('status').filter({ hasText: 'Ada Agent is typing…' });
    await typing.waitFor();
    await page.screenshot({ path: join(shots, 'agent-typing.png') });
    await ws.conversations.reply(conversation.id, { authorId: h.agentId, text: 'Yes: 20% off the first year.' });
    const log = page.getByRole('log', { name: 'Chat messages' });
    await log.getByText('Yes: 20% off the first year.').waitFor();
    await typing.waitFor({ state: 'hidden' });
    expect(await log.getAttribute('aria-live')).toBe('polite');
    // Text only: the visitor's markup is shown as text, never parsed.
    await log.getByText('<img src=x onerror=alert(1)> Do you have a <b>discount</b>?').waitFor();
    expect(await page.locator('[data-inboxkit-chat] img, [data-inboxkit-chat] b').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'conversation.png') });

    // Escape closes; a reply while closed shows as unread; opening clears it.
    await page.keyboard.press('Escape');
    await ws.conversations.reply(conversation.id, { authorId: h.agentId, text: 'Anything else?' });
    await page.getByRole('button', { name: 'Open chat, 1 unread' }).waitFor();
    expect(await page.evaluate(() => window.InboxKit!.chat!.status().unread)).toBe(1);
    await page.evaluate(() => window.InboxKit!.chat!.open({ message: 'Prefilled question' }));
    expect(await box.inputValue()).toBe('Prefilled question');
    expect(await page.evaluate(() => window.InboxKit!.chat!.status().unread)).toBe(0);
    await page.close();
  });

  it('a bot collects an email with validation, offers quick replies, and hands off to a person', async () => {
    const { page, box, log } = await openChat('/signup');
    await box.fill('Hi, I want to sign up');
    await box.press('Enter');
    await log.getByText('What is your email?').waitFor();
    await box.fill('not an email');
    await box.press('Enter');
    await log.getByText('That does not look like an email. Try again?').waitFor();
    await box.fill('grace@example.com');
    await box.press('Enter');
    await log.getByText('Which plan?').waitFor();
    await page.getByRole('group', { name: 'Quick replies' }).getByRole('button', { name: 'Pro' }).click();
    await log.getByText('Thanks! Connecting you with Ada.').waitFor();
    await page.screenshot({ path: join(shots, 'bot-handoff.png') });

    const ws = h.kit.workspace(h.workspaceId);
    const conversation = await eventually(
      async () => (await ws.conversations.list({ inboxId: h.inboxId })).items.find((c) => c.origin?.kind === 'chatflow' && c.origin.id === botFlowId),
      'the bot conversation',
    );
    expect(conversation.assigneeId).toBe(h.agentId);
    const session = await ws.bots.session(conversation.id);
    expect(session).toMatchObject({ status: 'handed-off' });
    const transitions = await ws.bots.transitions(session!.id);
    expect(transitions.map((t) => t.via)).toEqual(['start', 'reask', 'answer', 'answer', 'handoff']);
    const contact = await ws.contacts.get(conversation.contactId);
    expect(contact.email).toBe('grace@example.com');
    await page.close();
  });

  it('after a server restart the visitor reconnects and sees what it missed, once, in order', async () => {
    const { page, box, log } = await openChat('/pricing');
    await box.fill('Before the restart');
    await box.press('Enter');
    const ws = h.kit.workspace(h.workspaceId);
    await eventually(async () => page.evaluate(() => window.InboxKit!.chat!.status().conversationId), 'the conversation id');
    const conversationId = await page.evaluate(() => window.InboxKit!.chat!.status().conversationId!);
    await ws.conversations.reply(conversationId, { authorId: h.agentId, text: 'Reply one' });
    await log.getByText('Reply one').waitFor();

    const port = Number(new URL(h.baseUrl).port);
    const ids = { workspaceId: h.workspaceId, channelId: h.channelId, inboxId: h.inboxId, agentId: h.agentId };
    await h.stop();
    await page.waitForFunction(() => window.InboxKit!.chat!.status().connected === false);
    // While the chat server is down, an agent answers from another process on the same store.
    const agentKit = createInboxKit({ storage, channels: [chatChannel()], fallbackEmailDomain: 'in.example.com' });
    await agentKit.start();
    for (const text of ['Missed two', 'Missed three']) await agentKit.workspace(ids.workspaceId).conversations.reply(conversationId, { authorId: ids.agentId, text });
    await agentKit.stop();
    h = await startChat({ storage, reuse: ids, port, chatOptions: { widgetScript } });

    await log.getByText('Missed three').waitFor({ timeout: 20_000 });
    const texts = await log.locator('li').allTextContents();
    const bodies = texts.filter((t) => /Before the restart|Reply one|Missed two|Missed three/.test(t));
    expect(bodies.map((t) => t.replace(/^(You|Ada Agent)/, ''))).toEqual(['Before the restart', 'Reply one', 'Missed two', 'Missed three']);
    await page.screenshot({ path: join(shots, 'after-restart.png') });
    await page.close();
  });
});
