import { timelineFacts, type Conversation, type TimelineItem } from '@inboxkit/core';
import { fixtures } from '@inboxkit/storage-testkit';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../../test/helpers/targets.js';
import type { PostgresStorage } from '../../postgres-storage.js';

const T = Date.UTC(2026, 0, 5);
const H = 3_600_000;

/** A stored workspace and conversation, and builders of its timeline items at `T + hours`. */
async function conversationIn(storage: PostgresStorage) {
  const workspace = fixtures.workspace();
  await storage.workspaces.insert(workspace);
  const conversation = fixtures.conversation(workspace, { createdAt: T });
  await storage.conversations.insert(conversation);
  return {
    conversation,
    incoming: (hours: number, of: Conversation = conversation) => fixtures.message(of, { createdAt: T + hours * H }),
    reply: (hours: number, of: Conversation = conversation) => fixtures.reply(of, 'user_a', { createdAt: T + hours * H }),
  };
}

describeOnBothDatabases('analytics_waits (kept by triggers)', (stores, kind) => {
  /** The stored waits of the store's schema: `[conversation, seq, start, end]`, start and end in hours after T. */
  async function waits(schema: string): Promise<Array<[string, number, number, number]>> {
    const rows = await stores().sql<{ conversation_id: string; seq: number; started_at: string; ended_at: string }>(
      `SELECT conversation_id, seq, started_at, ended_at FROM "${schema}".analytics_waits ORDER BY conversation_id, seq`,
    );
    return rows.map((r) => [r.conversation_id, r.seq, (Number(r.started_at) - T) / H, (Number(r.ended_at) - T) / H]);
  }

  it('migration 0002 derives the waits of messages stored before it', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      // Back to schema version 1 (what a store upgraded from 0.1 has), then store a timeline.
      const s = `"${storage.schema}"`;
      for (const statement of [
        `DROP TABLE ${s}.analytics_waits`,
        `DROP FUNCTION ${s}.analytics_timeline_changed() CASCADE`,
        `DROP FUNCTION ${s}.analytics_refresh_waits(text[], text[])`,
        `DROP FUNCTION ${s}.analytics_append_wait(text, text, text, bigint, text, text, jsonb)`,
        `DROP FUNCTION ${s}.analytics_insert_waits(text[], text[])`,
        `DROP INDEX ${s}.timeline_items_messages_idx, ${s}.timeline_items_user_replies_idx, ${s}.conversations_created_idx, ${s}.conversations_closed_idx`,
        `DELETE FROM ${s}.inboxkit_migrations WHERE version = 2`,
      ]) {
        await stores().sql(statement);
      }
      const { conversation, incoming, reply } = await conversationIn(storage);
      for (const item of [incoming(0), reply(1), incoming(2), incoming(3), reply(5)]) await storage.timeline.insert(item);
      expect(await storage.migrate()).toEqual({ applied: ['0002_analytics'] });
      expect(await waits(storage.schema)).toEqual([[conversation.id, 1, 0, 1], [conversation.id, 2, 2, 5]]);
    } finally {
      await cleanup();
    }
  });

  it('follows inserts in any order, merges and deletions; ignores status updates and comments', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const { conversation, incoming, reply } = await conversationIn(storage);
      const answer = reply(4);
      for (const item of [incoming(2), answer]) await storage.timeline.insert(item);
      expect(await waits(storage.schema)).toEqual([[conversation.id, 1, 2, 4]]);
      // An older message arriving late (an imported email) moves the start of the wait.
      await storage.timeline.insert(incoming(1));
      expect(await waits(storage.schema)).toEqual([[conversation.id, 1, 1, 4]]);

      const before = await stores().sql(`SELECT xmin::text FROM "${storage.schema}".analytics_waits`);
      await storage.timeline.update({ ...answer, deliveryStatus: 'sent', externalId: '<sent@mail.test>' } as TimelineItem);
      await storage.timeline.insert(fixtures.comment(conversation, 'user_b', { createdAt: T + 3 * H }));
      expect(await stores().sql(`SELECT xmin::text FROM "${storage.schema}".analytics_waits`), 'rows not rewritten').toEqual(before);

      const other = fixtures.conversation(conversation.workspaceId, { createdAt: T });
      await storage.conversations.insert(other);
      await storage.timeline.insert(incoming(0, other));
      // A merge: every item of the conversation re-pointed in one statement.
      await stores().sql(`UPDATE "${storage.schema}".timeline_items SET conversation_id = $1 WHERE conversation_id = $2`, [other.id, conversation.id]);
      expect(await waits(storage.schema)).toEqual([[other.id, 1, 0, 4]]);

      await stores().sql(`DELETE FROM "${storage.schema}".timeline_items WHERE id = $1`, [answer.id]);
      expect(await waits(storage.schema)).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it('agree with core’s timelineFacts for any timeline, inserted in any order', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const workspace = fixtures.workspace();
      await storage.workspaces.insert(workspace);
      // Few distinct times, so ties (ordered by id) are common; insertion order is shuffled, so
      // both the append fast path and the recomputation run.
      const step = fc.record({ role: fc.constantFrom('in', 'in', 'user', 'user', 'bot', 'note'), hour: fc.integer({ min: 0, max: 5 }) });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 12 }), fc.infiniteStream(fc.nat()), async (steps, shuffle) => {
          const conversation = fixtures.conversation(workspace, { createdAt: T });
          await storage.conversations.insert(conversation);
          const items: TimelineItem[] = steps.map(({ role, hour }, i) => {
            const at = { createdAt: T + hour * H, id: `itm_${String(i).padStart(3, '0')}_${conversation.id}` };
            if (role === 'in') return fixtures.message(conversation, at);
            if (role === 'user') return fixtures.reply(conversation, `user_${i % 2}`, at);
            if (role === 'bot') return fixtures.message(conversation, { ...at, direction: 'outgoing', author: { type: 'bot', id: null }, externalId: null });
            return fixtures.comment(conversation, 'user_0', at);
          });
          const order = [...items];
          const picks = shuffle[Symbol.iterator]();
          for (let i = order.length - 1; i > 0; i--) {
            const j = picks.next().value % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          for (const item of order) await storage.timeline.insert(item);
          const sorted = [...items].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
          const expected = timelineFacts(sorted).waits.map((w, i) => [conversation.id, i + 1, (w.startedAt - T) / H, (w.endedAt - T) / H]);
          const stored = (await waits(storage.schema)).filter(([id]) => id === conversation.id);
          expect(stored).toEqual(expected);
        }),
        { numRuns: 40 },
      );
    } finally {
      await cleanup();
    }
  });

  // Two concurrent connections exist only on a server, so PGlite does not register the case.
  if (kind === 'server') it('two transactions adding to one conversation at once leave exact waits', async () => {
    const { storage, cleanup } = await stores().create();
    try {
      const { conversation, incoming, reply } = await conversationIn(storage);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const first = new Promise<void>((resolve) => (inserted = resolve));
      // The contact's message commits only after the reply's transaction has started its insert;
      // without the row lock, each trigger would miss the other's message and no wait would exist.
      const writingIncoming = storage.transaction(async (tx) => {
        await tx.timeline.insert(incoming(0));
        inserted();
        await held;
      });
      await first;
      const writingReply = storage.transaction((tx) => tx.timeline.insert(reply(1)));
      // Give the reply's statement time to reach the lock (ordering only: the result does not depend on it).
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      await Promise.all([writingIncoming, writingReply]);
      expect(await waits(storage.schema)).toEqual([[conversation.id, 1, 0, 1]]);
    } finally {
      await cleanup();
    }
  });
});
