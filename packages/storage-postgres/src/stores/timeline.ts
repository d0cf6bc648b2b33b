import { checkStoreLimit, decodeCursor, encodeCursor, type Message, type TimelineItem, type TimelineStore } from '@inboxkit/core';
import { timelineItemFromRow } from '../schema/tables.js';
import { limitPlusOne, toPage, type StoreContext } from './context.js';
import { Where } from './where.js';

/**
 * Messages and comments in one table, oldest first by `(created_at, id)`. The unique index
 * `(workspace_id, external_id, channel_id)` is what makes ingest idempotent across processes.
 */
export function timelineStore({ db, t, atomic, search, inserts }: StoreContext): TimelineStore {
  const mapperOf = (kind: TimelineItem['kind']) => (kind === 'message' ? t.message : t.comment);
  const fromRow = (row: Record<string, unknown>): TimelineItem => timelineItemFromRow(t, row);
  const select = async (where: Where, order: string, limit: string): Promise<TimelineItem[]> => {
    const { rows } = await db.query(`SELECT * FROM ${t.timeline} WHERE ${where} ORDER BY ${order} ${limit}`, where.params);
    return rows.map(fromRow);
  };
  const firstMessage = async (where: Where, order = 'id'): Promise<Message | null> => {
    const [item] = await select(where.equals('kind', 'message'), order, 'LIMIT 1');
    return (item as Message | undefined) ?? null;
  };

  return {
    insert: (item) => atomic((db) => inserts.items(db, [item], `timeline item "${item.id}" or its external id`)),
    insertMany: (items) => atomic((db) => inserts.items(db, items, 'timeline items')),
    update: (item) =>
      atomic(async (db) => {
        const before = await search.itemBefore(db, item.workspaceId, item.id);
        if (!before) return false;
        const map = mapperOf(item.kind);
        const { rowCount } = await db.query(map.updateSql(['workspace_id', 'id']), map.values(item as never));
        if (rowCount > 0) await search.itemUpdated(db, before, item);
        return rowCount > 0;
      }),
    async get(workspaceId, id) {
      const [item] = await select(new Where().equals('workspace_id', workspaceId).equals('id', id), 'id', '');
      return item ?? null;
    },
    async list(workspaceId, conversationId, { cursor, limit }) {
      const where = new Where().equals('workspace_id', workspaceId).equals('conversation_id', conversationId);
      if (cursor) {
        const [at, id] = decodeCursor(cursor, ['number', 'string']);
        where.and(`(created_at, id) > (${where.param(Number(at))}, ${where.param(String(id))})`);
      }
      const items = await select(where, 'created_at, id', limitPlusOne(limit));
      return toPage(items, limit, (last) => encodeCursor([last.createdAt, last.id]));
    },
    findByExternalId: (workspaceId, channelId, externalId) =>
      firstMessage(
        new Where()
          .equals('workspace_id', workspaceId)
          .equals('external_id', externalId)
          .equals('channel_id', channelId),
      ),
    async findManyByExternalId(workspaceId, channelId, externalIds) {
      if (externalIds.length === 0) return [];
      const where = new Where().equals('workspace_id', workspaceId).equals('channel_id', channelId).equals('kind', 'message').oneOf('external_id', [...new Set(externalIds)]);
      return (await select(where, 'id', '')) as Message[];
    },
    async findByExternalIds(workspaceId, externalIds) {
      if (externalIds.length === 0) return null;
      const where = new Where().equals('workspace_id', workspaceId).oneOf('external_id', externalIds);
      return firstMessage(where, 'created_at DESC, id DESC');
    },
    async listPending(before, limit) {
      const where = new Where().equals('delivery_status', 'pending').equals('direction', 'outgoing');
      where.and(`created_at < ${where.param(before)}`);
      checkStoreLimit(limit);
      return (await select(where, 'created_at, id', `LIMIT ${limit}`)) as Message[];
    },
  };
}
