// ws.webhooks as an API: validation, secrets kept out of every output, permissions, tenancy.
import { describe, expect, it } from 'vitest';
import { createInboxKit, EVENT_TYPES, NotFoundError, type EventType } from '@inboxkit/core';
import { manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { ENCRYPTION_KEY, webhookHarness } from './webhooks-setup.js';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('ws.webhooks', () => {
  it('creates a webhook with a generated secret shown once; get, list and events never carry it', async () => {
    const h = await webhookHarness();
    const created = await h.ws.webhooks.create({ url: 'https://hooks.acme.test/in', events: ['conversation.*', 'message.received'] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);
    expect(created).toMatchObject({ enabled: true, inboxId: null, disabledReason: null, events: ['conversation.*', 'message.received'] });

    const got = await h.ws.webhooks.get(created.id);
    const listed = await h.ws.webhooks.list();
    expect(listed.items).toEqual([got]);
    expect(got).not.toHaveProperty('secret');
    expect(got).not.toHaveProperty('sealedSecret');
    const stored = await h.storage.records.get(h.ws.id, 'webhook', created.id);
    const body = created.secret.slice(6);
    const everything = JSON.stringify([got, listed, stored, await h.ws.events.read({ limit: 1000 }), h.lines]);
    expect(everything).not.toContain(body);
    expect(everything).not.toContain(Buffer.from(body, 'base64').toString('hex'));
    expect(stored!.sealedSecret).toMatch(/^v1\.[0-9a-f]{8}\./);
    await h.stop();
  });

  it('validates url, events, secret and inboxId, naming the field', async () => {
    const h = await webhookHarness();
    const bad = async (input: Record<string, unknown>, path: string) => {
      const error = await h.ws.webhooks.create({ url: 'https://ok.test/x', events: ['*'], ...input } as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toMatchObject({ code: 'VALIDATION', issues: expect.arrayContaining([expect.objectContaining({ path })]) });
    };
    await bad({ url: 'ftp://files.test/x' }, 'url');
    await bad({ url: 'javascript:alert(1)' }, 'url');
    await bad({ url: 'https://user:pw@hooks.test/x' }, 'url');
    await bad({ events: [] }, 'events');
    await bad({ events: ['conversation.creatd'] }, 'events[0]');
    await bad({ events: ['nothing.*'] }, 'events[0]');
    await bad({ secret: 'plain-password' }, 'secret');
    await bad({ secret: 'whsec_c2hvcnQ=' }, 'secret');
    const refused = (await h.ws.webhooks.create({ url: 'https://ok.test/x', events: ['*'], secret: 'whsec_almost-right-but-not-base64!' }).catch((e: unknown) => e)) as Error;
    expect(`${refused.message} ${JSON.stringify(refused)}`).not.toContain('almost-right');
    await bad({ inboxId: 'inbox_missing' }, 'inboxId');
    expect((await h.ws.webhooks.list()).items).toEqual([]);
    const exact = await h.ws.webhooks.create({ url: 'http://127.0.0.1:9/x', events: [...EVENT_TYPES], secret: SECRET });
    expect(exact.secret).toBe(SECRET);
    await h.stop();
  });

  it('refuses to store a secret without an encryption key (UNSUPPORTED); with several keys the first seals', async () => {
    const storage = memoryStorage();
    const keyless = createInboxKit({ storage, clock: manualClock() });
    const ws = keyless.workspace((await keyless.workspaces.create({ name: 'A' })).id);
    await expect(ws.webhooks.create({ url: 'https://a.test/h', events: ['*'] })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect((await ws.webhooks.list()).items).toEqual([]);
    expect(() => createInboxKit({ storage, webhooks: { encryptionKey: 'short' } })).toThrow(/webhooks\.encryptionKey/);

    const keyed = createInboxKit({ storage, clock: manualClock(), webhooks: { encryptionKey: ENCRYPTION_KEY } });
    const hook = await keyed.workspace(ws.id).webhooks.create({ url: 'https://a.test/h', events: ['*'] });
    const keyId = async () => (await storage.records.get(ws.id, 'webhook', hook.id))!.sealedSecret.split('.')[1];
    const before = await keyId();
    // Rotation: a kit whose first key is new still opens secrets sealed with the old one.
    const rotated = createInboxKit({ storage, clock: manualClock(), webhooks: { encryptionKey: ['another-key-9876543210-9876543210-98765', ENCRYPTION_KEY] } });
    const again = await rotated.workspace(ws.id).webhooks.rotateSecret(hook.id);
    expect(again.secret).not.toBe(hook.secret);
    expect(await keyId()).not.toBe(before);
  });

  it('updates, pauses and deletes; events say what changed', async () => {
    const h = await webhookHarness();
    const inbox = await h.ws.inboxes.create({ name: 'Support' });
    const hook = await h.ws.webhooks.create({ url: 'https://a.test/h', events: ['*'] });
    const paused = await h.ws.webhooks.update(hook.id, { enabled: false, inboxId: inbox.id, events: ['message.*', 'message.*'] });
    expect(paused).toMatchObject({ enabled: false, disabledReason: 'paused', inboxId: inbox.id, events: ['message.*'] });
    const resumed = await h.ws.webhooks.update(hook.id, { enabled: true, inboxId: null });
    expect(resumed).toMatchObject({ enabled: true, disabledReason: null, inboxId: null });
    await h.ws.webhooks.delete(hook.id);
    await expect(h.ws.webhooks.get(hook.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.ws.webhooks.delete(hook.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const types = (await h.ws.events.read({ limit: 1000 })).items.map((e) => e.type).filter((t) => t.startsWith('webhook.'));
    expect(types).toEqual<EventType[]>(['webhook.created', 'webhook.updated', 'webhook.updated', 'webhook.deleted']);
    const updates = (await h.ws.events.read({ limit: 1000 })).items.filter((e) => e.type === 'webhook.updated');
    expect(updates.map((e) => e.data)).toEqual([
      { webhookId: hook.id, inboxId: inbox.id, fields: ['events', 'inboxId', 'enabled'] },
      { webhookId: hook.id, inboxId: null, fields: ['inboxId', 'enabled'] },
    ]);
    await h.stop();
  });

  it('is admin only: agents get FORBIDDEN', async () => {
    const h = await webhookHarness();
    const agent = await h.ws.users.create({ name: 'Agent', email: 'agent@acme.test' });
    const admin = await h.ws.users.create({ name: 'Admin', email: 'admin@acme.test', role: 'admin' });
    const hook = await h.ws.asUser(admin.id).webhooks.create({ url: 'https://a.test/h', events: ['*'] });
    const asAgent = h.ws.asUser(agent.id).webhooks;
    for (const call of [() => asAgent.list(), () => asAgent.get(hook.id), () => asAgent.deliveries(hook.id), () => asAgent.delete(hook.id)]) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(asAgent.create({ url: 'https://a.test/h', events: ['*'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await h.stop();
  });

  it('keeps workspaces apart: another workspace’s webhook ids are NOT_FOUND and lists are separate', async () => {
    const h = await webhookHarness();
    const other = h.kit.workspace((await h.kit.workspaces.create({ name: 'Globex' })).id);
    const mine = await h.ws.webhooks.create({ url: 'https://a.test/h', events: ['*'] });
    for (const call of [
      () => other.webhooks.get(mine.id),
      () => other.webhooks.update(mine.id, { enabled: false }),
      () => other.webhooks.rotateSecret(mine.id),
      () => other.webhooks.deliveries(mine.id),
      () => other.webhooks.delete(mine.id),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await other.webhooks.list()).items).toEqual([]);
    expect(await h.ws.webhooks.get(mine.id)).toMatchObject({ enabled: true });
    // A sealed secret copied into another workspace's record does not open there.
    const record = (await h.storage.records.get(h.ws.id, 'webhook', mine.id))!;
    await h.storage.records.put('webhook', { ...record, workspaceId: other.id });
    await h.storage.state.put(other.id, `webhook:${mine.id}:cursor`, { seq: 0, attempts: 0, nextAttemptAt: null, failures: 0, failingSince: null, logged: 0 });
    await other.contacts.create({ email: 'x@globex.test' });
    await h.advance(60_000); // the sweep finds the planted record
    expect(h.lines.some((l) => l.includes('webhook delivery failed'))).toBe(true);
    await h.stop();
  });
});
