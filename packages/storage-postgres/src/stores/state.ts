import type { StateStore } from '@inboxkit/core';
import type { StoreContext } from './context.js';

/**
 * Per-workspace JSON state. A row whose value is SQL NULL is a placeholder: `get` with
 * `lock: true` on a missing key inserts one so there is a row to lock (two routers racing on a
 * fresh rotation pointer then queue on it), and every read treats it as missing.
 */
export function stateStore({ db, t, inTransaction }: StoreContext): StateStore {
  return {
    async get<T>(workspaceId: string, key: string, options?: { lock?: boolean }): Promise<T | null> {
      const lock = options?.lock === true && inTransaction;
      if (lock) {
        await db.query(
          `INSERT INTO ${t.state} (workspace_id, key, value) VALUES ($1, $2, NULL) ON CONFLICT DO NOTHING`,
          [workspaceId, key],
        );
      }
      const { rows } = await db.query<{ value: T | null }>(
        `SELECT value FROM ${t.state} WHERE workspace_id = $1 AND key = $2${lock ? ' FOR UPDATE' : ''}`,
        [workspaceId, key],
      );
      return rows[0]?.value ?? null;
    },
    async put(workspaceId, key, value) {
      await db.query(
        `INSERT INTO ${t.state} (workspace_id, key, value) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (workspace_id, key) DO UPDATE SET value = EXCLUDED.value`,
        [workspaceId, key, JSON.stringify(value ?? null)],
      );
    },
    async delete(workspaceId, key) {
      const { rows } = await db.query<{ placeholder: boolean }>(
        `DELETE FROM ${t.state} WHERE workspace_id = $1 AND key = $2 RETURNING value IS NULL AS placeholder`,
        [workspaceId, key],
      );
      return rows.length > 0 && !rows[0]!.placeholder;
    },
  };
}
