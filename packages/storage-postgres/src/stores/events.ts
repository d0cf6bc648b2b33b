import { checkEventWorkspaces, checkStoreLimit, type EventStore, type InboxEvent } from '@inboxkit/core';
import type { StoreContext } from './context.js';

/**
 * Reads the NOTIFY payload of an append, `<last seq>:<workspace id>` (the seq goes first
 * because ids may contain `:` and seqs cannot).
 */
export function parseNotifyPayload(payload: string): { workspaceId: string; seq: number } | null {
  const colon = payload.indexOf(':');
  const seq = Number(payload.slice(0, colon));
  return colon > 0 && Number.isSafeInteger(seq) ? { workspaceId: payload.slice(colon + 1), seq } : null;
}

interface EventRow {
  workspace_id: string;
  seq: string | number;
  id: string;
  type: InboxEvent['type'];
  at: string | number;
  data: InboxEvent['data'];
}

/**
 * The per-workspace event log. One statement appends: it bumps the workspace's counter row in
 * `event_seqs` (whose row lock makes the next append wait for this commit, so seq order is
 * commit order and there are no gaps), inserts the events, and NOTIFYs listeners; Postgres
 * delivers the NOTIFY only when the transaction commits.
 */
export function eventStore({ db, t, channel }: StoreContext): EventStore {
  return {
    async append(workspaceId, events) {
      checkEventWorkspaces(workspaceId, events);
      if (events.length === 0) return [];
      const { rows } = await db.query<{ seq: string | number }>(
        `WITH counter AS (
           INSERT INTO ${t.eventSeqs} AS s (workspace_id, seq) VALUES ($1, $2)
           ON CONFLICT (workspace_id) DO UPDATE SET seq = s.seq + EXCLUDED.seq
           RETURNING seq
         ), appended AS (
           INSERT INTO ${t.events} (workspace_id, seq, id, type, at, data)
           SELECT $1, counter.seq - $2 + e.ord, e.value->>'id', e.value->>'type', (e.value->>'at')::bigint, e.value->'data'
           FROM counter, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord)
         )
         SELECT seq, pg_notify($4, seq::text || ':' || $1) FROM counter`,
        [workspaceId, events.length, JSON.stringify(events), channel],
      );
      const first = Number(rows[0]!.seq) - events.length + 1;
      return events.map((event, i) => ({ ...event, workspaceId, seq: first + i }) as InboxEvent);
    },
    async read(workspaceId, { after = 0, limit }) {
      checkStoreLimit(limit);
      const { rows } = await db.query<EventRow>(
        `SELECT * FROM ${t.events} WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [workspaceId, after, limit],
      );
      return rows.map(
        (row) =>
          ({
            id: row.id,
            seq: Number(row.seq),
            type: row.type,
            workspaceId: row.workspace_id,
            at: Number(row.at),
            data: row.data,
          }) as InboxEvent,
      );
    },
  };
}
