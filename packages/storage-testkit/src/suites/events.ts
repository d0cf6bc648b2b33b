import { ValidationError, type InboxEvent, type NewEvent, type Storage } from '@inboxkit/core';
import { expect } from 'vitest';
import { FIXTURE_TIME, fixtures } from '../fixtures.js';
import { defineSuite } from '../harness.js';
import { rejection, tick } from '../helpers.js';

function expectIncreasing(seqs: number[], what: string): void {
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]!, `${what}: seq at ${i}`).toBeGreaterThan(seqs[i - 1]!);
}

async function workspaceWithLog(storage: Storage, count: number) {
  const ws = fixtures.workspace();
  await storage.workspaces.insert(ws);
  const appended = await storage.events.append(ws.id, Array.from({ length: count }, () => fixtures.event(ws)));
  return { ws: ws.id, appended };
}

// Cursors are seqs the store assigned, so cases pick them from the log they read.
const readCases: Array<{
  name: string;
  after: (log: InboxEvent[]) => number | undefined;
  limit: number;
  expected: (log: InboxEvent[]) => InboxEvent[];
}> = [
  { name: 'after omitted reads from the start', after: () => undefined, limit: 100, expected: (log) => log },
  { name: 'after 0 reads from the start', after: () => 0, limit: 100, expected: (log) => log },
  { name: 'limit caps the count', after: () => 0, limit: 2, expected: (log) => log.slice(0, 2) },
  { name: 'after a seq reads only later events', after: (log) => log[2]!.seq, limit: 100, expected: (log) => log.slice(3) },
  { name: 'after and limit together', after: (log) => log[1]!.seq, limit: 2, expected: (log) => log.slice(2, 4) },
  { name: 'after the last seq reads nothing', after: (log) => log[4]!.seq, limit: 100, expected: () => [] },
];

export const eventsSuite = defineSuite('events', (t) => {
  t.test('append of an event stamped with another workspace is VALIDATION and appends nothing', async ({ storage }) => {
    const [ws, other] = [fixtures.workspace(), fixtures.workspace()];
    for (const w of [ws, other]) await storage.workspaces.insert(w);
    const error = await rejection(storage.events.append(ws.id, [fixtures.event(ws), fixtures.event(other)]));
    expect(ValidationError.isInstance(error) && error.issues.map((i) => i.path)).toEqual(['events[1].workspaceId']);
    for (const w of [ws, other]) expect(await storage.events.read(w.id, { limit: 10 })).toEqual([]);
  });

  t.test('append assigns seq from 1, strictly increasing, and keeps every field', async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    const events: NewEvent[] = [
      fixtures.event(ws),
      fixtures.event(ws, {
        type: 'conversation.assigned',
        at: FIXTURE_TIME + 5,
        data: {
          conversationId: 'conv_1',
          inboxId: 'inbox_1',
          assigneeId: 'user_1',
          teamId: null,
          previousAssigneeId: null,
          previousTeamId: null,
          by: { type: 'rule', id: 'rule_1' },
          reason: 'round-robin',
        },
      }),
      fixtures.event(ws),
    ];
    const appended = await storage.events.append(ws.id, events);
    expect(appended.map((e) => e.seq)[0]).toBe(1);
    expectIncreasing(appended.map((e) => e.seq), 'one append');
    expect(appended).toEqual(events.map((e, i) => ({ ...e, seq: appended[i]!.seq })));
    expect(await storage.events.read(ws.id, { limit: 10 })).toEqual(appended);
  });

  t.test('later appends continue the sequence', async ({ storage }) => {
    const { ws, appended: first } = await workspaceWithLog(storage, 2);
    const second = await storage.events.append(ws, [fixtures.event(ws)]);
    const third = await storage.events.append(ws, [fixtures.event(ws), fixtures.event(ws)]);
    const all = [...first, ...second, ...third];
    expectIncreasing(all.map((e) => e.seq), 'successive appends');
    expect(await storage.events.read(ws, { limit: 10 })).toEqual(all);
  });

  for (const c of readCases) {
    t.test(`read: ${c.name}`, async ({ storage }) => {
      const { ws, appended } = await workspaceWithLog(storage, 5);
      const after = c.after(appended);
      const query = after === undefined ? { limit: c.limit } : { after, limit: c.limit };
      expect(await storage.events.read(ws, query)).toEqual(c.expected(appended));
    });
  }

  t.test('each workspace has its own log starting at seq 1', async ({ storage }) => {
    const a = await workspaceWithLog(storage, 3);
    const b = await workspaceWithLog(storage, 2);
    const moreA = await storage.events.append(a.ws, [fixtures.event(a.ws)]);
    expect(b.appended[0]!.seq).toBe(1);
    expect(await storage.events.read(a.ws, { limit: 10 })).toEqual([...a.appended, ...moreA]);
    expect(await storage.events.read(b.ws, { limit: 10 })).toEqual(b.appended);
  });

  t.test('concurrent appends get distinct seqs and are read back in seq order', async ({ storage }) => {
    const ws = fixtures.workspace();
    await storage.workspaces.insert(ws);
    // Half append directly, half inside transactions that yield before appending.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? storage.events.append(ws.id, [fixtures.event(ws)])
          : storage.transaction(async (tx) => {
              await tick();
              return tx.events.append(ws.id, [fixtures.event(ws)]);
            }),
      ),
    );
    const appended = results.flat();
    expect(new Set(appended.map((e) => e.seq)).size).toBe(20);
    const log = await storage.events.read(ws.id, { limit: 100 });
    expectIncreasing(log.map((e) => e.seq), 'the log');
    expect(log).toEqual([...appended].sort((x, y) => x.seq - y.seq));
  });
});
