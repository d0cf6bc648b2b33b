import type { Client } from 'pg';
import { quoteIdent } from '../schema/tables.js';
import type { ListenOptions } from './types.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * Keeps a dedicated connection LISTENing on its channels. When the connection drops it
 * reconnects with backoff, LISTENs again and calls `onConnected` so the caller can catch up
 * on what it missed; notifications are only wake-ups, so none being lost is harmless.
 * Resolves once the first LISTEN is active (rejects if the first connect fails).
 */
export async function reconnectingListener(
  makeClient: () => Client,
  options: ListenOptions,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: Client | null = null;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const client = makeClient();
    let failed = false;
    const onFailure = (error: unknown) => {
      if (failed) return; // 'error' and 'end' both fire for one drop
      failed = true;
      if (current === client) current = null;
      if (stopped) return;
      options.onError(error);
      scheduleRetry();
    };
    client.on('error', onFailure);
    client.on('end', () => onFailure(new Error('LISTEN connection ended')));
    client.on('notification', (message) => {
      if (options.channels.includes(message.channel)) options.onNotification(message.channel, message.payload ?? '');
    });
    try {
      await client.connect();
      // One round trip for every channel (the simple query protocol takes several statements).
      await client.query(options.channels.map((channel) => `LISTEN ${quoteIdent(channel)}`).join('; '));
      current = client;
      await options.onConnected();
      retryMs = FIRST_RETRY_MS;
    } catch (error) {
      failed = true;
      current = null;
      await client.end().catch(() => undefined);
      throw error;
    }
  };

  const scheduleRetry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch((error: unknown) => {
        if (stopped) return;
        options.onError(error);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        scheduleRetry();
      });
    }, retryMs);
    timer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const client = current;
    current = null;
    await client?.end().catch(() => undefined);
  };
}
