import { encodeCursor, MAX_STORE_LIMIT, ValidationError, type Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';
import { rejection } from '../helpers.js';
import { seedWorld, type World } from '../seed.js';
import { kitOn } from './kit.js';

/** A list call of the store taking a page `limit` and, for keyset lists, a `cursor`. */
interface ListCall {
  name: string;
  call(s: Storage, w: World, page: { limit: number; cursor?: string }): Promise<unknown>;
  /** The cursor's part kinds: a forged cursor of the other kinds must be refused. */
  cursor?: 'id' | 'ws-id' | 'time-id';
}

const lists: ListCall[] = [
  { name: 'workspaces.list', cursor: 'id', call: (s, _w, q) => s.workspaces.list(q) },
  { name: 'records.list', cursor: 'id', call: (s, w, q) => s.records.list(w.workspace.id, 'inbox', q) },
  { name: 'records.listAll', cursor: 'ws-id', call: (s, _w, q) => s.records.listAll('inbox', q) },
  { name: 'contacts.list', cursor: 'id', call: (s, w, q) => s.contacts.list(w.workspace.id, q) },
  { name: 'conversations.list', cursor: 'time-id', call: (s, w, q) => s.conversations.list(w.workspace.id, q) },
  { name: 'timeline.list', cursor: 'time-id', call: async (s, w, q) => s.timeline.list(w.workspace.id, (await w.conversation()).id, q) },
  { name: 'events.read', call: (s, w, q) => s.events.read(w.workspace.id, { limit: q.limit }) },
  { name: 'conversations.listDueSnoozed', call: (s, _w, q) => s.conversations.listDueSnoozed(Date.now(), q.limit) },
  { name: 'conversations.listSpamBefore', call: (s, _w, q) => s.conversations.listSpamBefore(Date.now(), q.limit) },
  { name: 'timeline.listPending', call: (s, _w, q) => s.timeline.listPending(Date.now(), q.limit) },
];

const ODD_LIMITS = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_STORE_LIMIT + 1, 1e9];

/** Cursors no store made: garbage, wrong arity, wrong part kinds, unstorable text, non-finite numbers. */
function forgedCursors(kind: NonNullable<ListCall['cursor']>): string[] {
  const raw = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
  const wrongKinds = { id: [1], 'ws-id': [1, 'x'], 'time-id': ['x', 'y'] }[kind];
  const wrongArity = kind === 'id' ? ['a', 'b'] : ['a'];
  const nul = kind === 'time-id' ? [1, 'a\u0000b'] : kind === 'ws-id' ? ['a\u0000', 'b'] : ['a\u0000b'];
  const surrogate = kind === 'time-id' ? [1, '\uD800'] : kind === 'ws-id' ? ['\uDC00', 'b'] : ['\uD800x'];
  return ['not a cursor!', raw('{"a":1}'), encodeCursor(wrongKinds), encodeCursor(wrongArity), encodeCursor(nul), encodeCursor(surrogate), raw(kind === 'time-id' ? '[1e999,"a"]' : '[1e999]')];
}

async function expectValidation(promise: Promise<unknown>, what: string): Promise<void> {
  const error = await rejection(promise);
  expect(ValidationError.isInstance(error), `${what} threw ${String(error)}, not VALIDATION`).toBe(true);
}

// Input a store must refuse alike: odd page sizes and forged cursors are VALIDATION on every
// store (never a STORAGE error from SQL, never silently clamped); unstorable text never
// reaches a store because the core refuses it.
export const oddInputSuite = defineSuite('odd input', (t) => {
  for (const list of lists) {
    t.test(`${list.name} refuses limits 0, -1, 1.5, NaN, Infinity and above the maximum with VALIDATION`, async ({ storage }) => {
      const world = await seedWorld(storage);
      for (const limit of ODD_LIMITS) await expectValidation(list.call(storage, world, { limit }), `${list.name} limit ${limit}`);
      await expect(list.call(storage, world, { limit: MAX_STORE_LIMIT })).resolves.toBeDefined();
    });
    const kind = list.cursor;
    if (!kind) continue;
    t.test(`${list.name} refuses forged cursors with VALIDATION`, async ({ storage }) => {
      const world = await seedWorld(storage);
      for (const cursor of forgedCursors(kind)) await expectValidation(list.call(storage, world, { limit: 10, cursor }), `${list.name} cursor ${cursor}`);
    });
  }

  t.test('the public API refuses odd limits and forged cursors with VALIDATION naming the field', async ({ storage }) => {
    const { api } = await kitOn(storage);
    for (const limit of ODD_LIMITS) {
      const error = await rejection(api.conversations.list({ limit }));
      expect(ValidationError.isInstance(error) && error.issues.map((i) => i.path), `limit ${limit}`).toEqual(['limit']);
    }
    for (const cursor of forgedCursors('time-id')) {
      const error = await rejection(api.conversations.list({ cursor }));
      expect(ValidationError.isInstance(error) && error.issues.map((i) => i.path), `cursor ${cursor}`).toEqual(['cursor']);
    }
    for (const cursor of forgedCursors('id')) await expectValidation(api.contacts.list({ cursor }), `contacts cursor ${cursor}`);
  });

  t.test('text with NUL or a lone surrogate is VALIDATION naming the field, and nothing is written', async ({ storage }) => {
    const { kit, api, message } = await kitOn(storage);
    const cases = [
      { input: message(1, { text: 'hello\u0000world' }), path: 'text' },
      { input: message(2, { from: { email: 'x@kit.test', name: 'Bad \uD83D name' } }), path: 'from.name' },
      { input: message(3, { subject: '\uDE00 subject' }), path: 'subject' },
      { input: message(4, { metadata: { 'k\u0000': 'v' } }), path: 'metadata.k\u0000' },
    ];
    for (const { input, path } of cases) {
      const error = await rejection(kit.ingest(input));
      expect(ValidationError.isInstance(error) && error.issues.map((i) => i.path), path).toEqual([path]);
    }
    await expectValidation(api.contacts.create({ name: 'nul\u0000' }), 'contact name with NUL');
    expect((await api.conversations.list()).items).toEqual([]);
    expect((await api.contacts.list()).items).toEqual([]);
    // A well-formed pair (an emoji) is text like any other.
    const ok = await kit.ingest(message(5, { text: 'ok \uD83D\uDE00' }));
    expect(ok.status).toBe('accepted');
  });
});
