import { decodeCursor, encodeCursor, type Workspace, type WorkspaceStore } from '@inboxkit/core';
import { conflict } from '../errors.js';
import { limitPlusOne, toPage, type StoreContext } from './context.js';
import { Where } from './where.js';

/** Tenants: a global table ordered by id. */
export function workspaceStore({ db, t }: StoreContext): WorkspaceStore {
  const map = t.workspace;
  return {
    async insert(workspace) {
      const { rowCount } = await db.query(map.insertSql(), map.values(workspace));
      if (rowCount === 0) throw conflict(`workspace "${workspace.id}" exists`);
    },
    async update(workspace) {
      const { rowCount } = await db.query(map.updateSql(['id']), map.values(workspace));
      return rowCount > 0;
    },
    async get(id) {
      const { rows } = await db.query(`SELECT * FROM ${t.workspaces} WHERE id = $1`, [id]);
      return rows[0] ? map.fromRow(rows[0]) : null;
    },
    async list({ cursor, limit }) {
      const where = new Where();
      if (cursor) where.and(`id > ${where.param(String(decodeCursor(cursor, ['string'])[0]))}`);
      const { rows } = await db.query(
        `SELECT * FROM ${t.workspaces} WHERE ${where} ORDER BY id ${limitPlusOne(limit)}`,
        where.params,
      );
      return toPage<Workspace>(rows.map((row) => map.fromRow(row)), limit, (last) => encodeCursor([last.id]));
    },
  };
}
