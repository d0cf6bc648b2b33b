import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError, createInboxKit, type Logger } from '@inboxkit/core';
import { createTestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { useAcme } from './setup.js';

const issuePaths = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(ValidationError.isInstance(error), String(error)).toBe(true);
  return (error as ValidationError).issues.map((i) => i.path);
};

describe('users, teams, inboxes and channels', () => {
  const t = useAcme();

  it('users: validated, unique email per workspace, partial updates keep other fields', async () => {
    expect(await issuePaths(t.acme.ws.users.create({ name: '', email: 'x', avatarUrl: 'not a url' }))).toEqual(['name', 'email', 'avatarUrl']);
    const dup = await t.acme.ws.users.create({ name: 'Kari 2', email: 'KARI@acme.test' }).catch((e: unknown) => e);
    expect(ConflictError.isInstance(dup)).toBe(true);
    const updated = await t.acme.ws.users.update(t.acme.kari.id, { avatarUrl: 'https://cdn.acme.test/kari.png' });
    expect(updated).toMatchObject({ name: 'Kari Nordmann', role: 'agent', meetingLink: 'https://meet.acme.test/kari', avatarUrl: 'https://cdn.acme.test/kari.png' });
    const away = await t.acme.ws.users.setAvailability(t.acme.kari.id, 'away');
    expect(away.availability).toBe('away');
    expect(await issuePaths(t.acme.ws.users.setAvailability(t.acme.kari.id, 'busy' as never))).toEqual(['']);
    const tz = await issuePaths(t.acme.ws.users.update(t.acme.kari.id, { workingHours: { timeZone: 'Mars/Olympus', weekly: [{ day: 1, start: '09:00', end: '08:00' }] } }));
    expect(tz).toEqual(['workingHours.timeZone', 'workingHours.weekly[0].end']);
  });

  it('teams: members and parents must exist, and the hierarchy cannot loop', async () => {
    expect(await issuePaths(t.acme.ws.teams.create({ name: 'X', memberIds: ['usr_nope'] }))).toEqual(['memberIds[0]']);
    expect(await issuePaths(t.acme.ws.teams.update(t.acme.support.id, { parentTeamId: t.acme.tier2.id }))).toEqual(['parentTeamId']);
    expect(await issuePaths(t.acme.ws.teams.update(t.acme.support.id, { parentTeamId: t.acme.support.id }))).toEqual(['parentTeamId']);
    // A team with sub-teams is not deleted: where they belong (and who sees what) is the admin's call.
    const refused = await t.acme.ws.teams.delete(t.acme.support.id).catch((e: unknown) => e);
    expect(ConflictError.isInstance(refused)).toBe(true);
    expect((await t.acme.ws.teams.get(t.acme.tier2.id)).parentTeamId).toBe(t.acme.support.id);
  });

  it('inboxes: a fallback address on creation; deleting needs the channels gone', async () => {
    expect(t.acme.supportInbox.fallbackAddress).toMatch(/^support-[0-9a-z]{8}@in\.example\.com$/);
    expect(t.acme.salesInbox.fallbackAddress).not.toBe(t.acme.supportInbox.fallbackAddress);
    const busy = await t.acme.ws.inboxes.delete(t.acme.salesInbox.id).catch((e: unknown) => e);
    expect(ConflictError.isInstance(busy)).toBe(true);
    await t.acme.ws.channels.disconnect(t.acme.salesChannel.id);
    await t.acme.ws.inboxes.delete(t.acme.salesInbox.id);
    expect((await t.acme.ws.inboxes.list()).items.map((i) => i.id)).toEqual([t.acme.supportInbox.id]);
    expect(await issuePaths(t.acme.ws.inboxes.create({ name: 'X', members: { users: ['usr_nope'] } }))).toEqual(['members.users[0]']);
    const twice = await t.acme.ws.inboxes.create({ name: 'Twice', members: { users: [t.acme.kari.id, t.acme.kari.id], teams: [t.acme.support.id, t.acme.support.id] } });
    expect(twice.members).toEqual({ users: [t.acme.kari.id], teams: [t.acme.support.id] });
    const team = await t.acme.ws.teams.update(t.acme.tier2.id, { memberIds: [t.acme.ola.id, t.acme.kari.id, t.acme.ola.id] });
    expect(team.memberIds).toEqual([t.acme.ola.id, t.acme.kari.id]);
  });

  it('channels: config validated by the adapter, listed per inbox, disconnect is idempotent', async () => {
    expect(await issuePaths(t.acme.ws.channels.connect({ inboxId: t.acme.supportInbox.id, type: 'sms', name: 'x' }))).toEqual(['type']);
    expect(await issuePaths(t.acme.ws.channels.connect({ inboxId: t.acme.supportInbox.id, type: 'test', name: 'x', config: { canSend: 'yes' } }))).toEqual(['canSend']);
    const second = await t.acme.ws.channels.connect({ inboxId: t.acme.supportInbox.id, type: 'test', name: 'second', config: { canSend: false } });
    expect((await t.acme.ws.channels.list({ inboxId: t.acme.supportInbox.id })).items.map((c) => c.id)).toEqual([t.acme.supportChannel.id, second.id]);
    const once = await t.acme.ws.channels.disconnect(second.id);
    const twice = await t.acme.ws.channels.disconnect(second.id);
    expect([once.status, twice.status]).toEqual(['disconnected', 'disconnected']);
    const log = await t.acme.ws.events.read({ limit: 1000 });
    expect(log.items.filter((e) => e.type === 'channel.disconnected')).toHaveLength(1);
  });
});

describe('secrets stay out of storage, events and logs', () => {
  it('rejects secret values, keeps references, and resolves them only for the adapter', async () => {
    const lines: string[] = [];
    const logger: Logger = Object.fromEntries(
      (['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (msg: string, fields?: object) => lines.push(`${msg} ${JSON.stringify(fields)}`)]),
    ) as unknown as Logger;
    const channel = createTestChannel();
    const resolved: string[] = [];
    const storage = memoryStorage();
    const kit = createInboxKit({
      storage, channels: [channel], logger,
      secrets: { resolve: async (ref) => (resolved.push(ref), `value-of-${ref}`) },
    });
    await kit.start();
    const ws = kit.workspace((await kit.workspaces.create({ name: 'W' })).id);
    const inbox = await ws.inboxes.create({ name: 'I' });
    const leaked = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'x', config: { smtp: { password: 'hunter2' } } }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(leaked)).toBe(true);
    expect(String(leaked)).not.toContain('hunter2');
    const ok = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'x', config: { smtp: { passwordRef: 'vault/smtp' } } });
    expect(ok.config).toEqual({ canSend: true, smtp: { passwordRef: 'vault/smtp' } });
    const events = await ws.events.read({ limit: 100 });
    expect(JSON.stringify(events)).not.toContain('vault/smtp');
    expect(JSON.stringify(await storage.records.listAll('channel'))).not.toContain('hunter2');
    expect(lines.join('\n')).not.toContain('hunter2');
    await kit.stop();
  });
});
