import { InboxKitError, type ChannelContext, type Conversation, type Message, type PresenceChange, type WorkspaceApi } from '@inboxkit/core';
import type { BotDriver } from '../bots/bot-driver.js';
import type { ParsedChatOptions } from '../options.js';
import type { ActiveChatChannel } from './channel-lookup.js';
import { verifyIdentityToken } from './identity.js';
import type { RateLimiter } from './limits.js';
import { clientFrame, helloFrame, type ClientFrame, type ServerFrame } from './protocol.js';
import { toWire, transcriptReader, type TranscriptReader } from './transcript.js';
import { writeVisitorActivity } from './visitor-activity.js';

/** What a session needs from the server around it. */
export interface SessionDeps {
  context: ChannelContext;
  options: ParsedChatOptions;
  target: ActiveChatChannel;
  /** The page origin of the socket (checked against the allowlist at upgrade). */
  origin: string;
  limiter: RateLimiter;
  bots: BotDriver;
  send(frame: ServerFrame): void;
  close(code: number, reason: string): void;
  /** Called once the session knows its conversation, so events about it reach `sync`. */
  watch(conversationId: string): void;
}

/** One visitor WebSocket: `hello`, then messages; everything it does runs in order. */
export interface ChatSession {
  /** Handles one text frame from the widget. */
  receive(raw: string): void;
  /** Sends the widget every message it has not shown yet (after an event about the conversation). */
  sync(): void;
  /** Tells the widget an agent started or stopped typing in the conversation (from `ws.presence`, any process). */
  presence(change: PresenceChange): void;
  /** Resolves when everything queued so far is done. */
  settled(): Promise<void>;
}

interface Visitor {
  visitorId: string;
  verified: boolean;
  email: string | null;
  name: string | null;
  claimedEmail: string | null;
  pageUrl: string | null;
  chatflowId: string | null;
}

const TYPING_WRITE_MS = 2000;

/** Close codes (4000–4999 are the application's). */
export const CLOSE = { badHello: 4400, identity: 4401, tooFast: 4429 } as const;

async function currentConversation(ws: WorkspaceApi, channelId: string, visitor: Visitor): Promise<Conversation | null> {
  const contact = visitor.verified ? await ws.contacts.findByEmail(visitor.email!) : await ws.contacts.findByVisitorId(visitor.visitorId);
  if (!contact) return null;
  // The chat session is the contact's newest conversation on this channel that is not closed.
  const page = await ws.conversations.list({ contactId: contact.id, channelType: 'chat', limit: 50 });
  return page.items.find((c) => c.channelId === channelId && c.status !== 'closed') ?? null;
}

/** Creates a session for one accepted socket. */
export function createSession(deps: SessionDeps): ChatSession {
  const { context, options, target, send } = deps;
  const { channel, config } = target;
  const ws = context.workspace(channel.workspaceId);
  const names = new Map<string, string | null>();
  let visitor: Visitor | null = null;
  let conversationId: string | null = null;
  let reader: TranscriptReader | null = null;
  let queue: Promise<void> = Promise.resolve();
  let syncQueued = false;
  let typingWrittenAt = 0;

  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      context.logger.error('chat session failed', { channelId: channel.id, error: InboxKitError.isInstance(error) ? error.code : String(error) });
      send({ type: 'error', code: 'INTERNAL', message: 'something went wrong; please try again' });
    });
  };

  async function userName(id: string): Promise<string | null> {
    if (!names.has(id)) names.set(id, await ws.users.get(id).then((u) => u.name, () => null));
    return names.get(id) ?? null;
  }
  const authorName = (message: Message) => (message.author.type === 'user' && message.author.id ? userName(message.author.id) : Promise.resolve(null));
  // Agents typing now: the visitor sees "typing" while at least one is.
  const typingAgents = new Set<string>();

  async function sync(): Promise<void> {
    if (!reader) return;
    for (const message of await reader.unsent()) send(toWire(message, await authorName(message)));
  }

  async function identify(raw: unknown): Promise<void> {
    const parsed = helloFrame.safeParse(raw);
    if (!parsed.success) return deps.close(CLOSE.badHello, 'the first frame must be a valid hello');
    const hello = parsed.data;
    let identity = null;
    if (hello.identityToken && config.identitySecretRef) {
      const secret = await context.resolveSecret(config.identitySecretRef);
      const result = verifyIdentityToken(hello.identityToken, secret, context.clock.now());
      // A bad token is refused, not downgraded to anonymous: the host meant this visitor to be someone.
      if ('failure' in result) return deps.close(CLOSE.identity, `identity token refused (${result.failure})`);
      identity = result.identity;
    }
    if (!identity && config.requireVerifiedIdentity) return deps.close(CLOSE.identity, 'this chat needs a verified identity');
    visitor = {
      visitorId: hello.visitorId,
      verified: identity !== null,
      email: identity?.email.toLowerCase() ?? null,
      name: identity?.name ?? null,
      claimedEmail: identity ? null : (hello.claimedEmail ?? null),
      pageUrl: hello.pageUrl ?? null,
      chatflowId: hello.chatflowId ?? null,
    };
    const conversation = await currentConversation(ws, channel.id, visitor);
    conversationId = conversation?.id ?? null;
    send({ type: 'welcome', conversationId, verified: visitor.verified, email: visitor.email });
    if (conversationId) {
      reader = transcriptReader(ws, conversationId, hello.resume);
      deps.watch(conversationId);
      await sync();
    }
  }

  async function message(frame: Extract<ClientFrame, { type: 'message' }>, v: Visitor): Promise<void> {
    if (frame.text.length > options.maxMessageLength) {
      return send({ type: 'error', code: 'TOO_LONG', message: `messages are at most ${options.maxMessageLength} characters` });
    }
    if (!deps.limiter.take(v.visitorId)) return send({ type: 'error', code: 'RATE_LIMITED', message: 'too many messages; wait a moment' });
    const externalId = `chat:${v.visitorId}:${frame.clientId}`;
    const result = await context.ingest({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      externalId,
      conversationId,
      // An unverified visitor is only its visitor id: a typed email never attaches it to someone's history.
      from: v.verified ? { email: v.email, name: v.name, visitorId: v.visitorId } : { visitorId: v.visitorId },
      text: frame.text,
      origin: v.chatflowId ? { kind: 'chatflow', id: v.chatflowId } : undefined,
      metadata: {
        chat: { clientId: frame.clientId, verified: v.verified, origin: deps.origin, pageUrl: v.pageUrl, ...(v.claimedEmail ? { claimedEmail: v.claimedEmail } : {}) },
      },
    });
    if (result.status !== 'accepted') return;
    if (!conversationId) {
      conversationId = result.conversation.id;
      reader = transcriptReader(ws, conversationId, null);
      deps.watch(conversationId);
    }
    if (result.created && v.chatflowId) await deps.bots.start(channel.workspaceId, conversationId, v.chatflowId);
    else if (!result.duplicate) await deps.bots.input(channel.workspaceId, conversationId, externalId, frame.text);
    await sync();
  }

  async function handle(raw: string): Promise<void> {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return send({ type: 'error', code: 'BAD_FRAME', message: 'frames are JSON' });
    }
    if (!visitor) return identify(data);
    const parsed = clientFrame.safeParse(data);
    if (!parsed.success) return send({ type: 'error', code: 'BAD_FRAME', message: 'unknown or invalid frame' });
    const frame = parsed.data;
    if (frame.type === 'ping') return send({ type: 'pong' });
    if (frame.type === 'message') return message(frame, visitor);
    if (!conversationId) return;
    const now = context.clock.now();
    if (frame.type === 'read') return writeVisitorActivity(context.state, channel.workspaceId, conversationId, { read: { messageId: frame.messageId, at: now } });
    // Typing is written at most every 2 s per socket (a write per keystroke would be the load).
    if (frame.typing && now - typingWrittenAt < TYPING_WRITE_MS) return;
    typingWrittenAt = frame.typing ? now : 0;
    await writeVisitorActivity(context.state, channel.workspaceId, conversationId, { typingAt: frame.typing ? now : null });
  }

  return {
    receive: (raw) => enqueue(() => handle(raw)),
    sync() {
      // One message makes several events (received, assigned, sent, delivery changed): one
      // queued read of the transcript covers all that arrive before it runs.
      if (syncQueued) return;
      syncQueued = true;
      enqueue(() => {
        syncQueued = false;
        return sync();
      });
    },
    presence(change) {
      if (change.conversationId !== conversationId) return;
      const was = typingAgents.size > 0;
      if (change.state === 'typing') typingAgents.add(change.userId);
      else typingAgents.delete(change.userId);
      if (change.state === 'typing') enqueue(async () => send({ type: 'typing', typing: true, name: await userName(change.userId) }));
      else if (was && typingAgents.size === 0) enqueue(async () => send({ type: 'typing', typing: false, name: null }));
    },
    settled: () => queue,
  };
}
