import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '@inboxkit/core';
import { accepted, seedAcme, startKit, type Harness } from './setup.js';

describe('asUser: users see and act only where they are members', () => {
  let h: Harness;
  let acme: Awaited<ReturnType<typeof seedAcme>>;
  let supportConv: string;
  let salesConv: string;
  beforeEach(async () => {
    h = await startKit();
    acme = await seedAcme(h.kit);
    const push = async (channelId: string, externalId: string) =>
      accepted(await h.kit.ingest({ workspaceId: acme.acme.id, channelId, externalId, from: { email: 'c@c.test' }, text: 'hi' })).conversation.id;
    supportConv = await push(acme.supportChannel.id, 's-1');
    salesConv = await push(acme.salesChannel.id, 'x-1');
  });
  afterEach(() => h.stop());

  it('membership: direct users, team members, and sub-team members (flows down)', async () => {
    const visible = async (userId: string) => (await acme.ws.asUser(userId).conversations.list()).items.map((c) => c.id).sort();
    expect(await visible(acme.kari.id)).toEqual([supportConv]); // Support team
    expect(await visible(acme.ola.id)).toEqual([supportConv]); // Tier 2, a sub-team of Support
    expect(await visible(acme.sven.id)).toEqual([salesConv]); // direct inbox member
    expect(await visible(acme.admin.id)).toEqual([supportConv, salesConv].sort()); // admins see all
    const inboxes = await acme.ws.asUser(acme.sven.id).inboxes.list();
    expect(inboxes.items.map((i) => i.id)).toEqual([acme.salesInbox.id]);
  });

  it('an agent page of inboxes, channels or filters is filtered before paging: full, and no cursor past the last', async () => {
    const sven = acme.ws.asUser(acme.sven.id);
    await acme.ws.filters.create({ inboxId: acme.supportInbox.id, senders: ['a@spam.test'], action: 'spam' });
    const salesFilter = await acme.ws.filters.create({ inboxId: acme.salesInbox.id, senders: ['b@spam.test'], action: 'spam' });
    expect(await sven.inboxes.list({ limit: 1 })).toMatchObject({ items: [{ id: acme.salesInbox.id }], nextCursor: null });
    expect(await sven.channels.list({ limit: 1 })).toMatchObject({ items: [{ id: acme.salesChannel.id }], nextCursor: null });
    expect(await sven.filters.list({ limit: 1 })).toMatchObject({ items: [{ id: salesFilter.id }], nextCursor: null });
  });

  it('a conversation outside my inboxes is NOT_FOUND for every action, and unchanged', async () => {
    const kari = acme.ws.asUser(acme.kari.id);
    for (const call of [
      () => kari.conversations.get(salesConv),
      () => kari.conversations.timeline(salesConv),
      () => kari.conversations.close(salesConv),
      () => kari.conversations.assign(salesConv, { userId: acme.kari.id }),
      () => kari.conversations.comment(salesConv, { authorId: acme.kari.id, text: 'x' }),
      () => kari.conversations.reply(salesConv, { authorId: acme.kari.id, text: 'x' }),
      () => kari.inboxes.get(acme.salesInbox.id),
      () => kari.channels.get(acme.salesChannel.id),
    ]) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect(NotFoundError.isInstance(error), String(error)).toBe(true);
    }
    expect(await acme.ws.conversations.get(salesConv)).toMatchObject({ status: 'open', assigneeId: null });
    expect(h.channel.sent).toHaveLength(0);
  });

  it('agents cannot administer the workspace or act as someone else', async () => {
    const kari = acme.ws.asUser(acme.kari.id);
    const forbidden = [
      () => kari.users.create({ name: 'X', email: 'x@acme.test' }),
      () => kari.users.update(acme.ola.id, { name: 'X' }),
      () => kari.users.setAvailability(acme.ola.id, 'away'),
      () => kari.users.update(acme.kari.id, { role: 'admin' }),
      () => kari.teams.create({ name: 'X' }),
      () => kari.inboxes.create({ name: 'X' }),
      () => kari.channels.connect({ inboxId: acme.supportInbox.id, type: 'test', name: 'x' }),
      () => kari.events.read(),
      () => kari.conversations.reply(supportConv, { authorId: acme.ola.id, text: 'as Ola' }),
      () => acme.ws.asUser('usr_unknown').conversations.list(),
    ];
    for (const call of forbidden) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect(ForbiddenError.isInstance(error), String(error)).toBe(true);
    }
    expect((await kari.users.setAvailability(acme.kari.id, 'away')).availability).toBe('away');
  });

  it('actions by an agent are recorded with the agent as actor, whatever `by` says', async () => {
    await acme.ws.asUser(acme.kari.id).conversations.close(supportConv, { by: acme.admin.id });
    const log = await acme.ws.events.read({ limit: 1000 });
    const closed = log.items.find((e) => e.type === 'conversation.status.changed');
    expect(closed?.data).toMatchObject({ status: 'closed', by: { type: 'user', id: acme.kari.id } });
  });

  it('mentions must name users who can see the inbox', async () => {
    const error = await acme.ws
      .asUser(acme.kari.id)
      .conversations.comment(supportConv, { authorId: acme.kari.id, text: `ping @[${acme.sven.id}]` })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
  });
});
