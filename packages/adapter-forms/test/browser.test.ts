import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteAddress, toNodeHandler } from '@inboxkit/adapter-forms';
import { artifactDir, chromiumAvailable, chromiumSkipReason, launchChromium } from '../../../test-support/browser.js';
import { contactPage } from './contact-page.js';
import { startForms, storedCounts, type FormsHarness } from './setup.js';

// End to end: a real page in headless Chromium on https://shop.test (served by page.route, no
// DNS) posts cross-origin to the forms handler on a real node:http server on 127.0.0.1.
describe.skipIf(!chromiumAvailable)(`forms in a real browser (${chromiumAvailable ? 'Chromium' : chromiumSkipReason})`, () => {
  let h: FormsHarness;
  let server: Server;
  let api: string;
  let browser: Browser;
  const seen: Array<{ method: string; origin: string | null; path: string; status: number }> = [];

  beforeAll(async () => {
    h = await startForms({ clientIp: remoteAddress });
    const handler = toNodeHandler(async (request) => {
      const response = await h.forms.handler(request);
      seen.push({ method: request.method, origin: request.headers.get('origin'), path: new URL(request.url).pathname.split('/').pop()!, status: response.status });
      return response;
    });
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await h?.stop();
  });

  async function openShop(origin: string): Promise<Page> {
    // Chromium asks before a public page reaches a loopback address (Local Network Access);
    // the visitor's grant is given up front so that CORS alone decides what goes through.
    const context = await browser.newContext({ permissions: ['local-network-access'] });
    const page = await context.newPage();
    await page.route(`${origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: contactPage(api, h.form.id) }));
    await page.goto(`${origin}/contact`);
    return page;
  }

  it('a visitor submits the form cross-origin; the conversation appears; the agent answers by email', async () => {
    const page = await openShop('https://shop.test');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Ready');

    // Server-side validation comes back per field and is shown beside the fields.
    h.clock.advance(5000);
    await page.getByLabel('Email').fill('not an email');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#email-error').textContent()).toBe('enter a valid email address');
    expect(await page.locator('#message-error').textContent()).toBe('this field is required');
    expect((await storedCounts(h)).conversations).toBe(0);

    await page.getByLabel('Email').fill('nora@customer.test');
    await page.getByLabel('Name').fill('Nora Kunde');
    await page.getByLabel('Topic').selectOption('tech');
    await page.getByLabel('Message').fill('The parcel has not arrived yet.');
    await page.getByLabel('I agree to be contacted').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Thanks! Your reference is h_[\w-]{32}$/);
    await page.screenshot({ path: join(artifactDir('forms'), 'contact-form-sent.png'), fullPage: true });

    const [conversation] = (await h.ws.conversations.list()).items;
    expect(conversation).toMatchObject({ subject: 'Contact us', channelType: 'forms', origin: { kind: 'form', id: h.form.id } });
    const [message] = (await h.ws.conversations.timeline(conversation!.id)).items;
    if (message?.kind !== 'message') throw new Error('expected the submission message');
    expect(message.text).toContain('Message: The parcel has not arrived yet.');
    expect(message.metadata).toMatchObject({ page: { url: 'https://shop.test/contact', title: 'Contact the shop' }, visitorId: 'browser-visitor-1' });
    expect(await h.ws.contacts.findByEmail('nora@customer.test')).toMatchObject({ name: 'Nora Kunde', visitorIds: ['browser-visitor-1'] });

    await h.ws.channels.connect({ inboxId: h.inboxId, type: 'email', name: 'support@acme.test' });
    const reply = await h.ws.conversations.reply(conversation!.id, { authorId: h.agentId, text: 'Hi Nora, it is on its way.' });
    expect(reply.deliveryStatus).toBe('sent');
    expect(h.email.sent.map((s) => [s.contact.email, s.message.text])).toEqual([['nora@customer.test', 'Hi Nora, it is on its way.']]);
    await page.close();
  });

  it('a page on an origin the form does not allow cannot submit it', async () => {
    const before = await storedCounts(h);
    const page = await openShop('https://evil.test');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('The form is unavailable');
    await page.getByLabel('Email').fill('bot@evil.test');
    await page.getByLabel('Message').fill('spam');
    await page.getByLabel('I agree to be contacted').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Sending failed');
    expect(await storedCounts(h)).toEqual(before);
    // Refused by the handler itself: every request from that origin (whether Chromium preflights
    // it or not) reached the server and was answered 403 without an allow-origin.
    const evil = seen.filter((r) => r.origin === 'https://evil.test');
    expect(evil.map((r) => r.path)).toEqual(expect.arrayContaining(['token', 'submissions']));
    expect(evil.every((r) => r.status === 403)).toBe(true);
    await page.close();
  });
});
