import { ConflictError, createInboxKit, type ChannelAdapter, type ChannelContext, type CreateFormInput, type Storage } from '@inboxkit/core';
import { manualClock } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

// What forms ask of a store: `form` records with nested fields kept intact and listed by
// `inboxId`; the global address directory under `form:<id>` (one form per id across
// workspaces); and locked state reads that make concurrent spam counts add up.

/** A kit whose `forms` adapter is a stand-in that keeps its channel context (the testkit imports no adapter). */
async function formsKit(storage: Storage, ids?: { next(prefix: string): string }) {
  let context: ChannelContext | null = null;
  const forms: ChannelAdapter = {
    specificationVersion: 'v1',
    type: 'forms',
    capabilities: { send: false, replyVia: 'email' },
    parseConfig: () => ({}),
    start: async (ctx) => void (context = ctx),
  };
  const kit = createInboxKit({ storage, channels: [forms], clock: manualClock(), fallbackEmailDomain: 'in.conformance.test', ...(ids && { ids }) });
  await kit.start();
  const workspace = async (name: string) => {
    const ws = kit.workspace((await kit.workspaces.create({ name })).id);
    return { ws, inbox: await ws.inboxes.create({ name: 'Support' }) };
  };
  return { kit, workspace, context: () => context! };
}

const contactForm = (inboxId: string): CreateFormInput => ({
  inboxId,
  name: 'Contact — ünïcode ✓',
  fields: [
    { name: 'email', label: 'E-mail', type: 'email', required: true },
    { name: 'plan', type: 'multi-select', options: ['free', { value: 'pro', label: 'Pro ✓' }], contactProperty: 'plan' },
    { name: 'cv', type: 'file', maxBytes: 1024 },
  ],
  allowedOrigins: ['https://shop.example'],
});

export const formsSuite = defineSuite('forms', (t) => {
  t.test('a form round-trips whole, is listed by inbox, and is found by id from its own workspace only', async ({ storage }) => {
    const k = await formsKit(storage);
    const acme = await k.workspace('Acme');
    const globex = await k.workspace('Globex');
    const form = await acme.ws.forms.create(contactForm(acme.inbox.id));
    const other = await globex.ws.forms.create(contactForm(globex.inbox.id));
    expect(await acme.ws.forms.get(form.id)).toEqual(form);
    expect((await acme.ws.forms.list({ inboxId: acme.inbox.id })).items).toEqual([form]);
    expect(await k.context().forms.find(form.id)).toEqual(form);
    expect(await k.context().forms.find(other.id)).toEqual(other);
    await expect(globex.ws.forms.get(form.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await acme.ws.forms.delete(form.id);
    expect(await k.context().forms.find(form.id)).toBeNull();
    await k.kit.stop();
  });

  t.test('a form id names one form across workspaces: a second one is a CONFLICT and nothing of it stays', async ({ storage }) => {
    const k = await formsKit(storage, { next: (prefix) => (prefix === 'form' ? 'form_twin' : `${prefix}_${Math.random().toString(36).slice(2)}`) });
    const a = await k.workspace('A');
    const b = await k.workspace('B');
    await a.ws.forms.create(contactForm(a.inbox.id));
    const error = await b.ws.forms.create(contactForm(b.inbox.id)).catch((e: unknown) => e);
    expect(ConflictError.isInstance(error)).toBe(true);
    expect((await b.ws.forms.list()).items).toEqual([]);
    expect((await b.ws.channels.list()).items).toEqual([]); // the channel connected on the way rolled back too
    expect((await k.context().forms.find('form_twin'))?.workspaceId).toBe(a.ws.id);
    await k.kit.stop();
  });

  t.test('concurrent spam counts of one form add up (repeated trials)', async ({ storage }) => {
    const k = await formsKit(storage);
    const { ws, inbox } = await k.workspace('Acme');
    const form = await ws.forms.create(contactForm(inbox.id));
    for (let trial = 1; trial <= 3; trial++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => k.context().forms.countSpam(ws.id, form.id, i % 2 ? 'honeypot' : 'too-fast')));
      expect(await ws.forms.spamCount(form.id)).toEqual({ total: 10 * trial, byReason: { honeypot: 5 * trial, 'too-fast': 5 * trial } });
    }
    await k.kit.stop();
  });
});
