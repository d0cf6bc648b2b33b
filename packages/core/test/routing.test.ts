import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError, type RoutingRuleInput } from '@inboxkit/core';
import { routingFixture, type RoutingFixture } from './routing-setup.js';

describe('routing new conversations', () => {
  let f: RoutingFixture;
  beforeEach(async () => {
    f = await routingFixture();
  });
  afterEach(() => f.stop());

  const assignees = async (count: number) => {
    const out: Array<string | null> = [];
    for (let i = 0; i < count; i++) out.push((await f.send()).assigneeId);
    return out;
  };

  it('round-robin rotates over a team including its sub-team, and records the rule as actor', async () => {
    const { anna, bo, cy } = f.users;
    await f.ws.routing.set(f.emailChannel.id, { targets: { teams: [f.teams.support.id] }, strategy: 'round-robin' });
    expect(await assignees(6)).toEqual([anna.id, bo.id, cy.id, anna.id, bo.id, cy.id]);
    const [first] = await f.events('conversation.assigned');
    expect(first!.data).toMatchObject({ assigneeId: anna.id, teamId: f.teams.support.id, by: { type: 'rule', id: f.emailChannel.id }, reason: 'new:round-robin' });
  });

  it('least-open picks the member with the fewest open conversations, ties by rotation', async () => {
    const { anna, bo, cy } = f.users;
    const busy = [await f.send(), await f.send()];
    for (const c of busy) await f.ws.conversations.assign(c.id, { userId: anna.id });
    const closed = await f.send();
    await f.ws.conversations.assign(closed.id, { userId: bo.id });
    await f.ws.conversations.close(closed.id);
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id, bo.id, cy.id] }, strategy: 'least-open' });
    // Open counts: anna 2, bo 0 (closed does not count), cy 0 → bo, cy, then bo and cy tie at 1 → bo (after cy).
    expect(await assignees(3)).toEqual([bo.id, cy.id, bo.id]);
  });

  it.each<[string, Partial<RoutingRuleInput>, 'owner' | 'fallback']>([
    ['the eligible owner gets it', {}, 'owner'],
    ['an away owner is skipped when only available users count', { onlyAvailable: true }, 'fallback'],
  ])('contact-owner-first: %s', async (_name, rule, expected) => {
    const { anna, dee } = f.users;
    await f.ws.users.setAvailability(dee.id, 'away');
    const contact = await f.ws.contacts.create({ email: 'vip@customer.test', ownerId: dee.id });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id] }, strategy: 'contact-owner-first', ...rule });
    const conversation = await f.send({ from: { email: contact.email! } });
    expect(conversation.assigneeId).toBe(expected === 'owner' ? dee.id : anna.id);
  });

  it('contact-owner-first falls back when the owner is not a member of the inbox', async () => {
    const { anna, sam } = f.users;
    const contact = await f.ws.contacts.create({ email: 'lead@customer.test', ownerId: sam.id });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id] }, strategy: 'contact-owner-first', fallback: 'manual' });
    const conversation = await f.send({ from: { email: contact.email! } });
    expect(conversation).toMatchObject({ assigneeId: null });
    expect((await f.events('routing.unassigned'))[0]!.data).toMatchObject({ reason: 'manual' });
  });

  it('manual assigns the team only, for people to pick', async () => {
    await f.ws.routing.set(f.emailChannel.id, { targets: { teams: [f.teams.support.id] }, strategy: 'manual' });
    const conversation = await f.send();
    expect(conversation).toMatchObject({ assigneeId: null, teamId: f.teams.support.id });
    expect((await f.events('conversation.assigned'))[0]!.data).toMatchObject({ assigneeId: null, teamId: f.teams.support.id, reason: 'new:manual' });
    expect((await f.events('routing.unassigned'))[0]!.data).toMatchObject({ reason: 'manual', teamId: f.teams.support.id });
  });

  it('skips users who are away, outside working hours in their time zone, or at capacity', async () => {
    const { anna, bo, cy, dee } = f.users;
    await f.ws.users.setAvailability(anna.id, 'away');
    // 09:00 UTC on Monday is 18:00 in Tokyo: after Bo's day.
    await f.ws.users.update(bo.id, { workingHours: { timeZone: 'Asia/Tokyo', weekly: [{ day: 1, start: '09:00', end: '17:00' }] } });
    await f.ws.users.update(cy.id, { capacity: { inboxes: { [f.inbox.id]: 1 } } });
    await f.ws.conversations.assign((await f.send()).id, { userId: cy.id });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id, bo.id, cy.id, dee.id] }, strategy: 'round-robin', onlyAvailable: true });
    expect(await assignees(2)).toEqual([dee.id, dee.id]);
  });

  it('ignores availability unless the rule asks for it', async () => {
    const { anna } = f.users;
    await f.ws.users.setAvailability(anna.id, 'away');
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [anna.id] }, strategy: 'round-robin' });
    expect(await assignees(1)).toEqual([anna.id]);
  });

  it('leaves the conversation with the team when nobody is eligible, and says why', async () => {
    const { anna, bo, cy } = f.users;
    await f.ws.users.setAvailability(anna.id, 'away');
    await f.ws.users.setAvailability(bo.id, 'away');
    await f.ws.users.update(cy.id, { capacity: { default: 1 } });
    await f.ws.conversations.assign((await f.send()).id, { userId: cy.id });
    await f.ws.routing.set(f.emailChannel.id, { targets: { teams: [f.teams.support.id] }, strategy: 'round-robin', onlyAvailable: true });
    const conversation = await f.send();
    expect(conversation).toMatchObject({ assigneeId: null, teamId: f.teams.support.id });
    const [unassigned] = await f.events('routing.unassigned');
    expect(unassigned!.data).toMatchObject({
      conversationId: conversation.id,
      reason: 'nobody-eligible',
      skipped: [
        { userId: anna.id, reason: 'away', availableAt: null },
        { userId: bo.id, reason: 'away', availableAt: null },
        { userId: cy.id, reason: 'at-capacity', availableAt: null },
      ],
    });
  });

  it('reports a rule whose targets left the inbox', async () => {
    await f.ws.inboxes.update(f.inbox.id, { members: { teams: [f.teams.support.id], users: [f.users.dee.id, f.users.sam.id] } });
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.sam.id] }, strategy: 'round-robin' });
    await f.ws.inboxes.update(f.inbox.id, { members: { teams: [f.teams.support.id], users: [f.users.dee.id] } });
    expect((await f.send()).assigneeId).toBeNull();
    expect((await f.events('routing.unassigned'))[0]!.data).toMatchObject({ reason: 'no-members', skipped: [{ userId: f.users.sam.id, reason: 'not-inbox-member' }] });
  });

  it('routes only the channel the rule belongs to', async () => {
    await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' });
    expect((await f.send({ channelId: f.chatChannel.id })).assigneeId).toBeNull();
    expect(await f.events('routing.unassigned', 'conversation.assigned')).toEqual([]);
  });
});

describe('routing rules API', () => {
  let f: RoutingFixture;
  beforeEach(async () => {
    f = await routingFixture();
  });
  afterEach(() => f.stop());

  it('sets, reads, replaces and clears the rule of a channel', async () => {
    expect(await f.ws.routing.get(f.emailChannel.id)).toBeNull();
    const first = await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' });
    expect(first).toMatchObject({ id: f.emailChannel.id, inboxId: f.inbox.id, onlyAvailable: false, capacity: null, fallback: 'round-robin' });
    await f.clock.advance(1000);
    const second = await f.ws.routing.set(f.emailChannel.id, { targets: { teams: [f.teams.support.id] }, strategy: 'least-open', capacity: 5 });
    expect(second).toMatchObject({ createdAt: first.createdAt, updatedAt: first.updatedAt + 1000, capacity: 5 });
    expect(await f.ws.routing.get(f.emailChannel.id)).toEqual(second);
    await f.ws.routing.clear(f.emailChannel.id);
    await f.ws.routing.clear(f.emailChannel.id);
    expect(await f.ws.routing.get(f.emailChannel.id)).toBeNull();
    expect((await f.events('routing.rule.set', 'routing.rule.cleared')).map((e) => e.type)).toEqual(['routing.rule.set', 'routing.rule.set', 'routing.rule.cleared']);
  });

  it.each<[string, Partial<RoutingRuleInput>, string]>([
    ['no targets', { targets: {} }, 'targets.users'],
    ['an unknown user', { targets: { users: ['usr_nobody'] } }, 'targets.users[0]'],
    ['an unknown team', { targets: { teams: ['team_nobody'] } }, 'targets.teams[0]'],
    ['requeue on a non-chat channel', { requeueChatsOnAway: true, onlyAvailable: true }, 'requeueChatsOnAway'],
    ['an unknown strategy', { strategy: 'random' as never }, 'strategy'],
  ])('rejects %s', async (_name, overrides, path) => {
    const error = await f.ws.routing.set(f.emailChannel.id, { targets: { users: [f.users.anna.id] }, strategy: 'round-robin', ...overrides }).catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
  });

  it('needs an existing channel and an admin to change rules', async () => {
    const rule: RoutingRuleInput = { targets: { users: [f.users.anna.id] }, strategy: 'round-robin' };
    expect(NotFoundError.isInstance(await f.ws.routing.set('ch_nope', rule).catch((e: unknown) => e))).toBe(true);
    const asAnna = f.ws.asUser(f.users.anna.id);
    expect(ForbiddenError.isInstance(await asAnna.routing.set(f.emailChannel.id, rule).catch((e: unknown) => e))).toBe(true);
    expect(ForbiddenError.isInstance(await asAnna.routing.clear(f.emailChannel.id).catch((e: unknown) => e))).toBe(true);
    expect(await asAnna.routing.get(f.emailChannel.id)).toBeNull();
    expect(NotFoundError.isInstance(await f.ws.asUser(f.users.sam.id).routing.get(f.emailChannel.id).catch((e: unknown) => e))).toBe(true);
  });
});
