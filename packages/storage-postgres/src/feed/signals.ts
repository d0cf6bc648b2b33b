import { checkSignal, type Logger, type StorageSignal } from '@inboxkit/core';
import type { Queryable } from '../driver/types.js';
import type { NotifyHub } from './notify-hub.js';

type Wire = { w: string; p: Record<string, unknown> };

function parseWire(payload: string): StorageSignal | null {
  try {
    const wire = JSON.parse(payload) as Partial<Wire> | null;
    if (typeof wire?.w !== 'string' || typeof wire.p !== 'object' || wire.p === null || Array.isArray(wire.p)) return null;
    return { workspaceId: wire.w, payload: wire.p };
  } catch {
    return null;
  }
}

/**
 * Ephemeral signals over `NOTIFY` on their own channel (never the event log's, never a
 * table): `signal` is one `pg_notify` outside any transaction, delivered by Postgres to every
 * listening process in send order; listeners share the store's LISTEN connection.
 */
export function signalsOver(db: Queryable, hub: NotifyHub, channel: string, logger: Logger) {
  return {
    async signal(signal: StorageSignal): Promise<void> {
      checkSignal(signal);
      const wire: Wire = { w: signal.workspaceId, p: signal.payload };
      await db.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(wire)]);
    },
    subscribeSignals(listener: (signal: StorageSignal) => void): Promise<() => Promise<void>> {
      return hub.listen({
        channel,
        onNotification(payload) {
          const signal = parseWire(payload);
          if (!signal) return logger.warn('[postgres] ignored a malformed signal', { channel });
          try {
            listener(signal);
          } catch (error) {
            logger.error('[postgres] signal listener threw', { error });
          }
        },
        // Signals are not caught up after a reconnect: what was missed is stale by then.
        onConnected: async () => undefined,
        onError: (error) => logger.debug('[postgres] signal connection failed; retrying', { error }),
      });
    },
  };
}
