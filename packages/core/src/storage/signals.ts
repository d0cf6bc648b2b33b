import { ValidationError } from '../errors/validation-error.js';

/** The largest `JSON.stringify(payload)`, in UTF-8 bytes, a store must carry (Postgres `NOTIFY` holds < 8000). */
export const MAX_SIGNAL_BYTES = 4000;

/** One ephemeral signal: delivered to the processes listening now, never stored. */
export interface StorageSignal {
  /** The workspace it belongs to. */
  workspaceId: string;
  /** What the sender said: a plain JSON object (delivered as a copy). */
  payload: Record<string, unknown>;
}

/**
 * Checks a signal's payload fits `MAX_SIGNAL_BYTES` as JSON; throws `VALIDATION` naming
 * `payload` otherwise, so every store refuses an oversized signal alike. For store authors.
 */
export function checkSignal(signal: StorageSignal): string {
  const json = JSON.stringify(signal.payload);
  if (new TextEncoder().encode(json).length > MAX_SIGNAL_BYTES) {
    throw new ValidationError('signal', [{ path: 'payload', message: `must serialize to at most ${MAX_SIGNAL_BYTES} bytes of JSON` }]);
  }
  return json;
}
