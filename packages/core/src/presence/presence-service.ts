import { parseInput } from '../errors/parse.js';
import { readerInput, type ReaderInput } from '../conversations/read-state.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { personalScope } from '../permissions/personal-scope.js';
import type { ConversationPresence, PresenceChange, PresenceSignal } from './presence-signal.js';

/**
 * Collision detection: who is viewing or typing in a conversation, across every process that
 * shares the store (store capability `signals`; without it, within this kit). Ephemeral: a
 * signal lasts `VIEWING_TTL_MS` / `TYPING_TTL_MS` unless repeated, on the kit clock, and is
 * never written to the event log. Users signal for themselves (`asUser`; the host passes
 * `userId`) in conversations they can see, and see presence only where they can see the
 * conversation.
 */
export interface PresenceApi {
  /** The user has the conversation open (and is not typing). Repeat every ~10 s to stay present. */
  viewing(conversationId: string, input?: ReaderInput): Promise<void>;
  /** The user is typing in the conversation. Repeat every few seconds while they type. */
  typing(conversationId: string, input?: ReaderInput): Promise<void>;
  /** The user closed the conversation: gone at once rather than at expiry. */
  leave(conversationId: string, input?: ReaderInput): Promise<void>;
  /** Who is viewing or typing now. Other processes' signals arrive within the store's notify latency. */
  get(conversationId: string): Promise<ConversationPresence>;
  /**
   * Calls `listener` with each presence change in this workspace (in conversations the caller
   * can see). What a chat adapter forwards to the visitor as "agent is typing". Returns the
   * unsubscribe function.
   */
  subscribe(listener: (change: PresenceChange) => void): () => void;
}

/** Builds the presence API of a scope. */
export function presenceService(scope: Scope): PresenceApi {
  const { workspaceId, runtime } = scope;
  const tracker = runtime.presence;

  async function visibleConversation(conversationId: string, as: Scope = scope) {
    const conversation = requireFound(await scope.storage.conversations.get(workspaceId, conversationId), 'conversation', conversationId);
    await as.access.requireInbox(conversation.inboxId, 'conversation', conversationId);
    return conversation;
  }

  async function send(conversationId: string, input: ReaderInput | undefined, state: PresenceSignal['state']) {
    const { userId } = parseInput(readerInput, input, `presence.${state}`);
    const user = await personalScope(scope, userId, 'presence');
    const conversation = await visibleConversation(conversationId, user);
    await tracker.send(workspaceId, { kind: 'presence', conversationId, inboxId: conversation.inboxId, userId: user.actorId!, state, at: runtime.clock.now() });
  }

  return {
    viewing: (conversationId, input) => send(conversationId, input, 'viewing'),
    typing: (conversationId, input) => send(conversationId, input, 'typing'),
    leave: (conversationId, input) => send(conversationId, input, 'left'),
    async get(conversationId) {
      await visibleConversation(conversationId);
      await tracker.start();
      return { conversationId, users: tracker.present(workspaceId, conversationId) };
    },
    subscribe(listener) {
      void tracker.start().catch((error: unknown) => runtime.logger.warn('presence subscription failed', { workspaceId, error: String(error) }));
      return tracker.onChange((change) => {
        if (change.workspaceId !== workspaceId) return;
        if (!scope.access.restricted) return listener(change);
        // An agent hears only of conversations in inboxes they can see (checked as it happens:
        // access may change while subscribed).
        void scope.access.visibleInboxIds().then(
          (visible) => {
            if (visible === null || visible.includes(change.inboxId)) listener(change);
          },
          () => undefined, // a user deleted meanwhile hears nothing more
        );
      });
    },
  };
}
