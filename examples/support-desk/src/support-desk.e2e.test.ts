import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWidget } from '../../../packages/adapter-chat/test/widget-bundle.js';
import { artifactDir, chromiumAvailable, chromiumSkipReason, launchChromium } from '../../../test-support/browser.js';
import { startSupportDesk, type SupportDesk } from './support-desk.js';

const shots = chromiumAvailable ? artifactDir('support-desk') : '';

describe.skipIf(!chromiumAvailable)(`support desk in headless Chromium${chromiumAvailable ? '' : `: ${chromiumSkipReason}`}`, () => {
  let desk: SupportDesk;
  let browser: Browser;

  beforeAll(async () => {
    desk = await startSupportDesk({ widgetScript: await bundleWidget(), minFillMs: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('a visitor chats on the demo site, the agent sees it live, replies, and the visitor sees the reply', async () => {
    // The agent (Kari) has the Support inbox open before the visitor writes.
    const agentContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await agentContext.addCookies([{ name: 'desk_user', value: desk.org.users.kari.id, url: desk.urls.agent }]);
    const agent = await agentContext.newPage();
    await agent.goto(`${desk.urls.agent}/inbox/${desk.org.inboxes.support.id}/open`);
    await agent.waitForFunction(() => document.documentElement.dataset.live === 'connected');

    // The visitor, on the site's own origin, opens the widget the tracking code loaded.
    const visitor = await (await browser.newContext({ viewport: { width: 1000, height: 760 } })).newPage();
    await visitor.goto(`${desk.urls.site}/pricing`);
    await visitor.waitForFunction(() => window.InboxKit?.chat?.status().loaded === true);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const box = visitor.getByRole('textbox', { name: 'Message' });
    await box.fill('Hi! Is there a discount for 40 seats?');
    await box.press('Enter');
    await visitor.waitForFunction(() => Boolean(window.InboxKit?.chat?.status().conversationId));
    const conversationId = await visitor.evaluate(() => window.InboxKit!.chat!.status().conversationId!);
    await visitor.screenshot({ path: join(shots, 'visitor-asks.png') });

    // It appears in the agent's list without a reload (SSE → the list region is re-rendered).
    const row = agent.locator(`a[href="/conversations/${conversationId}"]`);
    await row.waitFor();
    await agent.screenshot({ path: join(shots, 'agent-inbox.png') });
    await row.click();
    await agent.getByText('Hi! Is there a discount for 40 seats?').waitFor();
    expect(await agent.locator('.sidebar').textContent()).toContain('Create contact');

    await agent.getByRole('textbox', { name: 'Message' }).fill('Yes: 15% off from 25 seats. Want a quote?');
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.locator('.timeline .item.out', { hasText: 'Yes: 15% off from 25 seats.' }).waitFor();
    await agent.screenshot({ path: join(shots, 'agent-conversation.png'), fullPage: true });

    const log = visitor.getByRole('log', { name: 'Chat messages' });
    await log.getByText('Yes: 15% off from 25 seats. Want a quote?').waitFor();
    await visitor.screenshot({ path: join(shots, 'visitor-sees-reply.png') });

    // The visitor writes again: the open conversation page updates itself.
    await box.fill('Yes please, send it to my email.');
    await box.press('Enter');
    await agent.getByText('Yes please, send it to my email.').waitFor();

    // A second agent opens it: the first sees who is viewing, then typing, live.
    const olaContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await olaContext.addCookies([{ name: 'desk_user', value: desk.org.users.ola.id, url: desk.urls.agent }]);
    const ola = await olaContext.newPage();
    await ola.goto(`${desk.urls.agent}/conversations/${conversationId}`);
    await agent.getByText('Ola Hansen is viewing').waitFor();
    await ola.getByRole('textbox', { name: 'Message' }).pressSequentially('On it');
    await agent.getByText('Ola Hansen is typing…').waitFor();
    await agent.screenshot({ path: join(shots, 'agent-presence.png') });
    await ola.close();
    await agent.getByText('Ola Hansen is').waitFor({ state: 'detached' });

    // A snippet is filled in for this conversation and inserted where the cursor is.
    await agent.getByLabel('Snippet').selectOption({ label: '/thanks · Thanks' });
    await agent.getByRole('button', { name: 'Insert' }).click();
    await expect.poll(() => agent.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Thanks for reaching out, ! I am looking into it now.\n\nKari Nordmann, Support');

    const items = (await desk.ws.conversations.timeline(conversationId)).items.map((i) => i.text);
    expect(items).toEqual(['Hi! Is there a discount for 40 seats?', 'Yes: 15% off from 25 seats. Want a quote?', 'Yes please, send it to my email.']);
  });

  it('a contact form on the demo site becomes a conversation in the Support inbox', async () => {
    const visitor = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    await visitor.goto(`${desk.urls.site}/contact`);
    const form = visitor.locator('form[data-form]');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('enter a valid email address').waitFor();
    await form.getByLabel('Email').fill('astrid@example.org');
    await form.getByLabel('Name').fill('Astrid Solberg');
    await form.getByLabel('Message').fill('Can I change the owner of my workspace?');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Thanks! We will answer by email.').waitFor();
    await visitor.screenshot({ path: join(shots, 'contact-form.png') });

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'desk_user', value: desk.org.users.ola.id, url: desk.urls.agent }]);
    const agent = await context.newPage();
    await agent.goto(`${desk.urls.agent}/inbox/${desk.org.inboxes.support.id}/unassigned`);
    await agent.getByRole('link', { name: /Astrid Solberg/ }).click();
    await agent.getByText('Message: Can I change the owner of my workspace?').waitFor();
    expect(await agent.locator('.timeline .page').first().textContent()).toBe('on /contact');
  });

  it('renders the analytics and chatflow pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'desk_user', value: desk.org.users.kari.id, url: desk.urls.agent }]);
    const page = await context.newPage();
    await page.goto(`${desk.urls.agent}/analytics`);
    expect(await page.locator('svg.chart').count()).toBe(4);
    await page.screenshot({ path: join(shots, 'analytics.png'), fullPage: true });
    await page.goto(`${desk.urls.agent}/chatflows`);
    await page.getByLabel('Page URL').fill(`${desk.urls.site}/checkout`);
    await page.getByRole('button', { name: 'Explain' }).click();
    await page.getByText('No chatflow shows.').waitFor();
    await page.screenshot({ path: join(shots, 'chatflows.png'), fullPage: true });
  });
});
