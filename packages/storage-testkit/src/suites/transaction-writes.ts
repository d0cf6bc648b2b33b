import type { Contact, Conversation, Message, Storage, StorageOperations, Team } from '@inboxkit/core';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { seedWorld, type World } from '../seed.js';

/** Data every write case starts from: one of each kind of entity, already committed. */
export interface WriteSetup {
  world: World;
  ws: string;
  team: Team;
  /** A contact without conversations (deleting it breaks no reference). */
  spare: Contact;
  conversation: Conversation;
  message: Message;
  eventId: string;
  address: string;
}

export const HELD_LEASE = 'job:held';
const TTL = 10_000;
const at = (ms: number) => FIXTURE_TIME + ms;

export async function seedWriteSetup(storage: Storage): Promise<WriteSetup> {
  const world = await seedWorld(storage);
  const ws = world.workspace.id;
  const team = fixtures.team(ws);
  await storage.records.put('team', team);
  const spare = await world.contactOf();
  const conversation = await world.conversation();
  const message = await world.item(fixtures.message(conversation));
  const [event] = await storage.events.append(ws, [fixtures.event(ws)]);
  await storage.state.put(ws, 'checkpoint', { lastUid: 1 });
  const address = `support-${ws}@in.example.com`.toLowerCase();
  await storage.addresses.put(address, { workspaceId: ws, inboxId: world.inbox.id, channelId: null });
  await storage.leases.acquire(HELD_LEASE, 'proc-a', TTL, at(0));
  return { world, ws, team, spare, conversation, message, eventId: event!.id, address };
}

/**
 * One kind of write: `observe` reads what it changes (through the store or a transaction),
 * and must give `before` while the write is not committed and `after` once it is.
 */
export interface WriteCase {
  write(ops: StorageOperations): Promise<unknown>;
  observe(ops: StorageOperations): Promise<unknown>;
  before: unknown;
  after: unknown;
}

/** Every kind of write a transaction can make, each built from a fresh setup. */
export const writeCases: Array<{ name: string; make: (s: WriteSetup) => WriteCase }> = [
  {
    name: 'workspaces.insert',
    make: () => {
      const ws = fixtures.workspace({ name: 'New' });
      return { write: (o) => o.workspaces.insert(ws), observe: (o) => o.workspaces.get(ws.id), before: null, after: ws };
    },
  },
  {
    name: 'workspaces.update',
    make: (s) => {
      const renamed = { ...s.world.workspace, name: 'Renamed' };
      return { write: (o) => o.workspaces.update(renamed), observe: (o) => o.workspaces.get(s.ws), before: s.world.workspace, after: renamed };
    },
  },
  {
    name: 'records.put (insert)',
    make: (s) => {
      const user = fixtures.user(s.ws);
      return { write: (o) => o.records.put('user', user), observe: (o) => o.records.get(s.ws, 'user', user.id), before: null, after: user };
    },
  },
  {
    name: 'records.put (replace)',
    make: (s) => {
      const renamed = { ...s.team, name: 'Renamed' };
      return { write: (o) => o.records.put('team', renamed), observe: (o) => o.records.get(s.ws, 'team', s.team.id), before: s.team, after: renamed };
    },
  },
  {
    name: 'records.delete',
    make: (s) => ({ write: (o) => o.records.delete(s.ws, 'team', s.team.id), observe: (o) => o.records.get(s.ws, 'team', s.team.id), before: s.team, after: null }),
  },
  {
    name: 'contacts.insert',
    make: (s) => {
      const contact = fixtures.contact(s.ws);
      return { write: (o) => o.contacts.insert(contact), observe: (o) => o.contacts.findByEmail(s.ws, contact.email!), before: null, after: contact };
    },
  },
  {
    name: 'contacts.update',
    make: (s) => {
      const renamed = { ...s.spare, name: 'Renamed', phone: '+4700000000' };
      return { write: (o) => o.contacts.update(renamed), observe: (o) => o.contacts.get(s.ws, renamed.id), before: s.spare, after: renamed };
    },
  },
  {
    name: 'contacts.delete',
    make: (s) => ({ write: (o) => o.contacts.delete(s.ws, s.spare.id), observe: (o) => o.contacts.get(s.ws, s.spare.id), before: s.spare, after: null }),
  },
  {
    name: 'conversations.insert',
    make: (s) => {
      const { inboxId, channelId, contactId } = s.conversation;
      const conversation = fixtures.conversation(s.ws, { inboxId, channelId, contactId });
      return { write: (o) => o.conversations.insert(conversation), observe: (o) => o.conversations.count(s.ws, {}), before: 1, after: 2 };
    },
  },
  {
    name: 'conversations.update',
    make: (s) => {
      const closed = { ...s.conversation, status: 'closed' as const, closedAt: at(5) };
      return { write: (o) => o.conversations.update(closed), observe: (o) => o.conversations.get(s.ws, closed.id), before: s.conversation, after: closed };
    },
  },
  {
    name: 'conversations.moveContact',
    make: (s) => {
      const to = fixtures.contact(s.ws);
      const observe = async (o: StorageOperations) => (await o.conversations.get(s.ws, s.conversation.id))?.contactId;
      return {
        // The target contact is written in the same transaction: it rolls back too.
        write: async (o) => (await o.contacts.insert(to), o.conversations.moveContact(s.ws, s.conversation.contactId, to.id)),
        observe,
        before: s.conversation.contactId,
        after: to.id,
      };
    },
  },
  {
    name: 'timeline.insert',
    make: (s) => {
      const reply = fixtures.reply(s.conversation, 'user_a');
      return { write: (o) => o.timeline.insert(reply), observe: (o) => o.timeline.get(s.ws, reply.id), before: null, after: reply };
    },
  },
  {
    name: 'timeline.update',
    make: (s) => {
      const edited = { ...s.message, visibleText: 'Hello' };
      return { write: (o) => o.timeline.update(edited), observe: (o) => o.timeline.get(s.ws, edited.id), before: s.message, after: edited };
    },
  },
  {
    name: 'timeline.update to another conversation',
    make: (s) => {
      const { inboxId, channelId, contactId } = s.conversation;
      const target = fixtures.conversation(s.ws, { inboxId, channelId, contactId });
      return {
        write: async (o) => (await o.conversations.insert(target), o.timeline.update({ ...s.message, conversationId: target.id })),
        observe: async (o) => (await o.timeline.get(s.ws, s.message.id))?.conversationId,
        before: s.conversation.id,
        after: target.id,
      };
    },
  },
  {
    name: 'events.append',
    make: (s) => {
      const event = fixtures.event(s.ws);
      return {
        write: (o) => o.events.append(s.ws, [event]),
        observe: async (o) => (await o.events.read(s.ws, { limit: 10 })).map((e) => e.id),
        before: [s.eventId],
        after: [s.eventId, event.id],
      };
    },
  },
  {
    name: 'state.put',
    make: (s) => ({ write: (o) => o.state.put(s.ws, 'checkpoint', { lastUid: 2 }), observe: (o) => o.state.get(s.ws, 'checkpoint'), before: { lastUid: 1 }, after: { lastUid: 2 } }),
  },
  {
    name: 'state.delete',
    make: (s) => ({ write: (o) => o.state.delete(s.ws, 'checkpoint'), observe: (o) => o.state.get(s.ws, 'checkpoint'), before: { lastUid: 1 }, after: null }),
  },
  {
    name: 'addresses.put',
    make: (s) => {
      const target = { workspaceId: s.ws, inboxId: s.world.inbox.id, channelId: s.world.channel.id };
      const address = `help-${s.ws}@acme.example.com`.toLowerCase();
      return { write: (o) => o.addresses.put(address, target), observe: (o) => o.addresses.get(address), before: null, after: target };
    },
  },
  {
    name: 'addresses.delete',
    make: (s) => ({
      write: (o) => o.addresses.delete(s.address),
      observe: (o) => o.addresses.get(s.address),
      before: { workspaceId: s.ws, inboxId: s.world.inbox.id, channelId: null },
      after: null,
    }),
  },
  {
    // Observing a lease means trying to take it: that succeeds only once the write is undone
    // (acquire) or committed (release), so the probe never disturbs the state it checks.
    name: 'leases.acquire',
    make: () => ({ write: (o) => o.leases.acquire('job:new', 'proc-b', TTL, at(1)), observe: (o) => o.leases.acquire('job:new', 'observer', TTL, at(2)), before: true, after: false }),
  },
  {
    name: 'leases.release',
    make: () => ({ write: (o) => o.leases.release(HELD_LEASE, 'proc-a'), observe: (o) => o.leases.acquire(HELD_LEASE, 'observer', TTL, at(2)), before: false, after: true }),
  },
];
