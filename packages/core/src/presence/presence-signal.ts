import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/common.js';

/** How long a `viewing` signal lasts unless repeated (ms): UIs refresh it about every 10 s. */
export const VIEWING_TTL_MS = 30_000;
/** How long a `typing` signal lasts unless repeated (ms): UIs refresh it while keys are pressed. */
export const TYPING_TTL_MS = 6_000;

/** What a user is doing in a conversation, as seen by others. */
export type PresenceState = 'viewing' | 'typing';

/**
 * The presence signal as it travels through the store (`Storage.signal`). Each process
 * derives expiry from `at` with the TTLs above, so a signal needs no follow-up to end.
 * Parsed on receipt: other processes may run another version, and a payload that does not
 * fit is ignored rather than trusted.
 */
export const presenceSignalSchema = z.object({
  kind: z.literal('presence'),
  conversationId: idSchema,
  inboxId: idSchema,
  userId: idSchema,
  /** `viewing` (here, not typing), `typing` (here and typing), `left` (gone now). */
  state: z.enum(['viewing', 'typing', 'left']),
  /** When it was sent (epoch ms, the sender's kit clock). */
  at: timestampSchema,
});
/** A presence signal. */
export type PresenceSignal = z.infer<typeof presenceSignalSchema>;

/** One user present in a conversation. */
export interface PresentUser {
  /** The user. */
  userId: string;
  /** `typing` implies viewing. */
  state: PresenceState;
  /** When this lapses unless the user's UI repeats it (epoch ms). */
  expiresAt: number;
}

/** Who is in a conversation now, as `presence.get` returns it. */
export interface ConversationPresence {
  /** The conversation. */
  conversationId: string;
  /** Users viewing or typing, ordered by user id. */
  users: PresentUser[];
}

/**
 * A change of one user's presence in one conversation, as `presence.subscribe` listeners get
 * it: `viewing`/`typing` when they start or switch, `gone` when they left or their last signal
 * expired. Repeats that change nothing are not announced (a chat adapter can forward each
 * change to the visitor as is).
 */
export interface PresenceChange {
  /** Workspace of the conversation. */
  workspaceId: string;
  /** The conversation. */
  conversationId: string;
  /** Its inbox (for visibility checks). */
  inboxId: string;
  /** The user. */
  userId: string;
  /** What they do now. */
  state: PresenceState | 'gone';
  /** When the kit saw the change (epoch ms). */
  at: number;
}
