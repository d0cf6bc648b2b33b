import type { AddressTarget, Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite, type SuiteApi } from '../harness.js';
import { seedWorld, type World } from '../seed.js';

/**
 * Mutates every nested object and array of `value` in place, and every field in them:
 * a store that shares any level of an object with its caller shows the change.
 */
function scribble(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(scribble);
    value.push('scribbled');
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, field] of Object.entries(record)) {
      if (field !== null && typeof field === 'object') scribble(field);
      else record[key] = typeof field === 'number' ? field + 1 : 'scribbled';
    }
    record.scribbled = true;
  }
}

/**
 * One stored value: how to write it and read it back. Reads capture their keys when the
 * case is made, so they still find the value after the caller's copy is scribbled on.
 */
interface CopyCase<V extends object> {
  make(storage: Storage, world: World): Promise<{
    value: V;
    writes: Record<string, (value: V) => Promise<unknown>>;
    reads: Record<string, () => Promise<unknown>>;
  }>;
  /** What reads return for `value` (the log adds `seq` to events). */
  stored?: (value: V) => unknown;
}

const byIdIn = async <T extends { id: string }>(items: Promise<{ items: T[] } | T[]>, id: string) => {
  const page = await items;
  return (Array.isArray(page) ? page : page.items).find((item) => item.id === id) ?? null;
};

// Registers, per entity, one test per writer (mutate input and write result afterwards)
// and one per reader (mutate what it returned), each checking every reader afterwards.
function copyTests<V extends object>(t: SuiteApi, entity: string, writeNames: string[], readNames: string[], c: CopyCase<V>): void {
  const check = async (reads: Record<string, () => Promise<unknown>>, expected: unknown) => {
    for (const [name, read] of Object.entries(reads)) expect(await read(), `${entity} via ${name}`).toEqual(expected);
  };
  for (const writeName of writeNames) {
    t.test(`${entity}: mutating what was passed to or returned by ${writeName} never changes the store`, async ({ storage }) => {
      const { value, writes, reads } = await c.make(storage, await seedWorld(storage));
      const expected = (c.stored ?? ((v) => v))(structuredClone(value));
      const returned = await writes[writeName]!(value);
      scribble(value);
      scribble(returned);
      await check(reads, expected);
    });
  }
  for (const readName of readNames) {
    t.test(`${entity}: mutating what ${readName} returns never changes the store`, async ({ storage }) => {
      const { value, writes, reads } = await c.make(storage, await seedWorld(storage));
      const expected = (c.stored ?? ((v) => v))(structuredClone(value));
      await writes[writeNames[0]!]!(value);
      scribble(await reads[readName]!());
      await check(reads, expected);
    });
  }
}

/** Update writers store a copy first, then update with the caller's object. */
const insertThen = <V>(insert: (v: V) => Promise<unknown>, update: (v: V) => Promise<unknown>) => async (v: V) => {
  await insert(structuredClone(v));
  return update(v);
};

export const copiesSuite = defineSuite('copies', (t) => {
  copyTests(t, 'workspace', ['insert', 'update'], ['get', 'list'], {
    async make(s) {
      const value = fixtures.workspace();
      const id = value.id;
      const ins = (v: typeof value) => s.workspaces.insert(v);
      return {
        value,
        writes: { insert: ins, update: insertThen(ins, (v) => s.workspaces.update(v)) },
        reads: { get: () => s.workspaces.get(id), list: () => byIdIn(s.workspaces.list({ limit: 10 }), id) },
      };
    },
  });

  copyTests(t, 'record', ['put'], ['get', 'list', 'listAll'], {
    async make(s, w) {
      const value = fixtures.user(w.workspace, { capacity: { default: 3, inboxes: { [w.inbox.id]: 2 } } });
      const [ws, id] = [value.workspaceId, value.id];
      return {
        value,
        writes: { put: (v: typeof value) => s.records.put('user', v) },
        reads: {
          get: () => s.records.get(ws, 'user', id),
          list: () => byIdIn(s.records.list(ws, 'user'), id),
          listAll: () => byIdIn(s.records.listAll('user'), id),
        },
      };
    },
  });

  copyTests(t, 'contact', ['insert', 'update'], ['get', 'findByEmail', 'findByVisitorId', 'findByPhone', 'list'], {
    async make(s, w) {
      const value = fixtures.contact(w.workspace, { phone: '+4712345678', visitorIds: ['v-1'], properties: { plan: { tier: 'pro' } } });
      const [ws, id, email] = [value.workspaceId, value.id, value.email!];
      const ins = (v: typeof value) => s.contacts.insert(v);
      return {
        value,
        writes: { insert: ins, update: insertThen(ins, (v) => s.contacts.update(v)) },
        reads: {
          get: () => s.contacts.get(ws, id),
          findByEmail: () => s.contacts.findByEmail(ws, email),
          findByVisitorId: () => s.contacts.findByVisitorId(ws, 'v-1'),
          findByPhone: () => s.contacts.findByPhone(ws, '+4712345678'),
          list: () => byIdIn(s.contacts.list(ws, { limit: 10 }), id),
        },
      };
    },
  });

  copyTests(t, 'conversation', ['insert', 'update'], ['get', 'list'], {
    async make(s, w) {
      const value = fixtures.conversation(w.workspace, { inboxId: w.inbox.id, channelId: w.channel.id, contactId: w.contact.id, origin: { kind: 'form', id: 'form_1' } });
      const [ws, id] = [value.workspaceId, value.id];
      const ins = (v: typeof value) => s.conversations.insert(v);
      return {
        value,
        writes: { insert: ins, update: insertThen(ins, (v) => s.conversations.update(v)) },
        reads: { get: () => s.conversations.get(ws, id), list: () => byIdIn(s.conversations.list(ws, { limit: 10 }), id) },
      };
    },
  });

  copyTests(t, 'message', ['insert', 'update'], ['get', 'list', 'findByExternalId', 'findByExternalIds', 'listPending'], {
    async make(s, w) {
      const conversation = await w.conversation();
      const value = fixtures.reply(conversation, 'user_a', {
        externalId: '<reply@mail.example.com>',
        attachments: [{ id: 'att_1', filename: 'a.txt', contentType: 'text/plain', size: 1, blobKey: 'b/1', contentId: null }],
        metadata: { headers: { 'message-id': '<reply@mail.example.com>' } },
      });
      const [ws, id, channelId] = [value.workspaceId, value.id, value.channelId];
      const ins = (v: typeof value) => s.timeline.insert(v);
      return {
        value,
        writes: { insert: ins, update: insertThen(ins, (v) => s.timeline.update(v)) },
        reads: {
          get: () => s.timeline.get(ws, id),
          list: () => byIdIn(s.timeline.list(ws, conversation.id, { limit: 10 }), id),
          findByExternalId: () => s.timeline.findByExternalId(ws, channelId, '<reply@mail.example.com>'),
          findByExternalIds: () => s.timeline.findByExternalIds(ws, ['<reply@mail.example.com>']),
          listPending: () => byIdIn(s.timeline.listPending(FIXTURE_TIME + 1, 10), id),
        },
      };
    },
  });

  copyTests(t, 'event', ['append'], ['read'], {
    async make(s, w) {
      const value = fixtures.event(w.workspace, {
        type: 'comment.created',
        data: { conversationId: 'conv_1', commentId: 'cmt_1', inboxId: w.inbox.id, authorId: 'user_a', mentions: ['user_b'] },
      });
      const [ws, id] = [value.workspaceId, value.id];
      return { value, writes: { append: (v: typeof value) => s.events.append(ws, [v]) }, reads: { read: () => byIdIn(s.events.read(ws, { limit: 10 }), id) } };
    },
    stored: (value) => ({ ...value, seq: expect.any(Number) }),
  });

  copyTests(t, 'state value', ['put'], ['get'], {
    async make(s, w) {
      const ws = w.workspace.id;
      return {
        value: { uidValidity: 7, seen: [1, 2, { uid: 3 }] },
        writes: { put: (v) => s.state.put(ws, 'checkpoint', v) },
        reads: { get: () => s.state.get(ws, 'checkpoint') },
      };
    },
  });

  copyTests(t, 'address target', ['put'], ['get'], {
    async make(s, w) {
      const value: AddressTarget = { workspaceId: w.workspace.id, inboxId: w.inbox.id, channelId: w.channel.id };
      return { value, writes: { put: (v: AddressTarget) => s.addresses.put('help@acme.example.com', v) }, reads: { get: () => s.addresses.get('help@acme.example.com') } };
    },
  });
});
