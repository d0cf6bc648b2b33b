import {
  decodeCursor,
  encodeCursor,
  type BaseRecord,
  type RecordKind,
  type RecordStore,
  type RecordWhere,
  type StorageRecordTypes,
} from '@inboxkit/core';
import { limitPlusOne, toPage, type StoreContext } from './context.js';
import { Where } from './where.js';

interface RecordQuery {
  where?: RecordWhere;
  cursor?: string | null;
  limit?: number;
}

/** Adds the conditions for records of `kind` (in `workspaceId`; `null`: any) matching `filter` to `where`. */
function matching(where: Where, kind: RecordKind, workspaceId: string | null, filter: RecordWhere | undefined): Where {
  where.equals('kind', kind).equals('workspace_id', workspaceId ?? undefined);
  const scalars = Object.entries(filter ?? {}).filter(([, value]) => !Array.isArray(value));
  if (scalars.length > 0) where.and(`data @> ${where.param(JSON.stringify(Object.fromEntries(scalars)))}::jsonb`);
  for (const [field, values] of Object.entries(filter ?? {})) {
    // `->>` reads a JSON string as text; a field that is not a string never matches.
    if (!Array.isArray(values)) continue;
    // An empty list adds no parameter (it is `false`): name the field only when one is used.
    if (values.length === 0) where.and('false');
    else where.oneOf(`(data->>${where.param(field)})`, values as readonly string[]);
  }
  return where;
}

/**
 * Configuration records as whole JSON documents keyed `(workspace_id, kind, id)`. `where`
 * is jsonb containment (`data @> {"field": value}`): top-level equality, where a `null`
 * matches only a field that is present and null; an array value is `data->>field = ANY(…)`.
 */
export function recordStore({ db, t }: StoreContext): RecordStore {
  const select = async <K extends RecordKind>(
    kind: K,
    workspaceId: string | null,
    query: RecordQuery,
  ): Promise<StorageRecordTypes[K][]> => {
    const where = matching(new Where(), kind, workspaceId, query.where);
    if (query.cursor && workspaceId !== null) {
      where.and(`id > ${where.param(String(decodeCursor(query.cursor, ['string'])[0]))}`);
    } else if (query.cursor) {
      const [ws, id] = decodeCursor(query.cursor, ['string', 'string']).map(String);
      where.and(`(workspace_id, id) > (${where.param(ws)}, ${where.param(id)})`);
    }
    const order = workspaceId !== null ? 'id' : 'workspace_id, id';
    const { rows } = await db.query<{ data: StorageRecordTypes[K] }>(
      `SELECT data FROM ${t.records} WHERE ${where} ORDER BY ${order} ${limitPlusOne(query.limit)}`,
      where.params,
    );
    return rows.map((row) => row.data);
  };

  return {
    async readMany(workspaceId, reads) {
      if (reads.length === 0) return [];
      const params: unknown[] = [];
      const parts = reads.map(({ kind, id, where }, n) => {
        const clause = id === undefined ? matching(new Where(params), kind, workspaceId, where) : new Where(params).equals('workspace_id', workspaceId).equals('kind', kind).equals('id', id);
        return `SELECT ${n} AS n, id, data FROM ${t.records} WHERE ${clause}`;
      });
      const { rows } = await db.query<{ n: number; data: BaseRecord }>(`${parts.join(' UNION ALL ')} ORDER BY n, id`, params);
      const results = reads.map((): BaseRecord[] => []);
      for (const row of rows) results[row.n]!.push(row.data);
      return results;
    },
    async put(kind, record) {
      const { workspaceId, id } = record as BaseRecord;
      await db.query(
        `INSERT INTO ${t.records} (workspace_id, kind, id, data) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (workspace_id, kind, id) DO UPDATE SET data = EXCLUDED.data`,
        [workspaceId, kind, id, JSON.stringify(record)],
      );
    },
    async get(workspaceId, kind, id) {
      const { rows } = await db.query<{ data: never }>(
        `SELECT data FROM ${t.records} WHERE workspace_id = $1 AND kind = $2 AND id = $3`,
        [workspaceId, kind, id],
      );
      return rows[0]?.data ?? null;
    },
    async list(workspaceId, kind, query = {}) {
      const items = await select(kind, workspaceId, query);
      return toPage(items, query.limit, (last) => encodeCursor([(last as BaseRecord).id]));
    },
    async listAll(kind, query = {}) {
      const items = await select(kind, null, query);
      return toPage(items, query.limit, (last) => {
        const { workspaceId, id } = last as BaseRecord;
        return encodeCursor([workspaceId, id]);
      });
    },
    async delete(workspaceId, kind, id) {
      const { rowCount } = await db.query(
        `DELETE FROM ${t.records} WHERE workspace_id = $1 AND kind = $2 AND id = $3`,
        [workspaceId, kind, id],
      );
      return rowCount > 0;
    },
  };
}
