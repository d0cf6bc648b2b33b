import type { AddressStore, AddressTarget } from '@inboxkit/core';
import { conflict } from '../errors.js';
import type { StoreContext } from './context.js';

const normalize = (address: string) => address.trim().toLowerCase();

interface AddressRow {
  workspace_id: string;
  inbox_id: string;
  channel_id: string | null;
}

const toTarget = (row: AddressRow): AddressTarget => ({
  workspaceId: row.workspace_id,
  inboxId: row.inbox_id,
  channelId: row.channel_id,
});

/** The global address directory (lower-cased addresses). */
export function addressStore({ db, t }: StoreContext): AddressStore {
  const get = async (address: string): Promise<AddressTarget | null> => {
    const { rows } = await db.query<AddressRow>(
      `SELECT workspace_id, inbox_id, channel_id FROM ${t.addresses} WHERE address = $1`,
      [normalize(address)],
    );
    return rows[0] ? toTarget(rows[0]) : null;
  };

  return {
    async put(address, target) {
      const { rowCount } = await db.query(
        `INSERT INTO ${t.addresses} (address, workspace_id, inbox_id, channel_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [normalize(address), target.workspaceId, target.inboxId, target.channelId ?? null],
      );
      if (rowCount > 0) return;
      // Registering the same target again is a no-op; another target is a conflict.
      const existing = await get(address);
      const same =
        existing?.workspaceId === target.workspaceId &&
        existing.inboxId === target.inboxId &&
        existing.channelId === (target.channelId ?? null);
      if (!same) throw conflict(`address "${normalize(address)}" points elsewhere`);
    },
    get,
    async delete(address) {
      const { rowCount } = await db.query(`DELETE FROM ${t.addresses} WHERE address = $1`, [normalize(address)]);
      return rowCount > 0;
    },
  };
}
