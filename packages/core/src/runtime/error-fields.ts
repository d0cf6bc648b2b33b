import { InboxKitError } from '../errors/inboxkit-error.js';

/**
 * Log fields describing an error from background work. Only InboxKit errors carry messages
 * written to be shown; a driver or host error's message may quote a connection string, a
 * query parameter or a credential, so only its name and machine code are logged.
 */
export function errorFields(error: unknown): { error: string; code?: string } {
  if (InboxKitError.isInstance(error)) return { error: error.message, code: error.code };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? { error: error.name, code: String(code) } : { error: error.name };
  }
  return { error: typeof error };
}
