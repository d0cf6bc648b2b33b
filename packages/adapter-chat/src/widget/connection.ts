import type { AgentTyping, ChatMessage } from './types.js';

/** What the connection reports to the widget. */
export interface ConnectionEvents {
  welcome(frame: { conversationId: string | null; verified: boolean }): void;
  message(message: ChatMessage): void;
  /** An agent started or stopped typing a reply (`name`: their display name). */
  typing(frame: AgentTyping): void;
  error(frame: { code: string; message: string }): void;
  state(connected: boolean): void;
  refused(reason: string): void;
}

/** Settings of one chat connection. */
export interface ConnectionSettings {
  wsUrl: string;
  visitorId: string;
  pageUrl: string;
  chatflowId: string | null;
  identityToken: string | null;
  claimedEmail: string | null;
}

// Close codes after which reconnecting cannot help (bad hello, identity refused).
const FINAL_CODES = new Set([4400, 4401]);

/**
 * The visitor's WebSocket with reconnect: exponential backoff with jitter, `resume` from the
 * last message shown (so nothing is lost or repeated), and an outbox of unacknowledged
 * messages resent with the same `clientId` (the server ignores a resend it already has).
 */
export function createConnection(settings: ConnectionSettings, on: ConnectionEvents) {
  let socket: WebSocket | null = null;
  let lastShown: string | null = null;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const outbox = new Map<string, string>();

  const send = (frame: unknown) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify(frame));

  function connect() {
    if (stopped) return;
    const ws = new WebSocket(settings.wsUrl);
    socket = ws;
    ws.onopen = () => {
      const hello: Record<string, unknown> = { type: 'hello', visitorId: settings.visitorId, pageUrl: settings.pageUrl, resume: lastShown };
      if (settings.chatflowId) hello.chatflowId = settings.chatflowId;
      if (settings.identityToken) hello.identityToken = settings.identityToken;
      if (settings.claimedEmail) hello.claimedEmail = settings.claimedEmail;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (event) => {
      let frame: { type: string } & Record<string, unknown>;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (frame.type === 'welcome') {
        attempt = 0;
        on.state(true);
        on.welcome(frame as never);
        for (const [clientId, text] of outbox) send({ type: 'message', clientId, text });
      } else if (frame.type === 'message') {
        const message = frame as unknown as ChatMessage;
        lastShown = message.id;
        if (message.clientId) outbox.delete(message.clientId);
        on.message(message);
      } else if (frame.type === 'typing') on.typing(frame as unknown as AgentTyping);
      else if (frame.type === 'error') on.error(frame as never);
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      on.state(false);
      if (FINAL_CODES.has(event.code)) return on.refused(event.reason);
      if (stopped) return;
      const delay = Math.min(10_000, 300 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      timer = setTimeout(connect, delay);
    };
  }

  return {
    start: connect,
    /** Queues a message; it is sent now or after the next reconnect, until the server echoes it. */
    sendMessage(text: string): string {
      const clientId = `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      outbox.set(clientId, text);
      send({ type: 'message', clientId, text });
      return clientId;
    },
    typing(typing: boolean) {
      send({ type: 'typing', typing });
    },
    markRead(messageId: string) {
      send({ type: 'read', messageId });
    },
    /** Reconnects with changed settings (identity, claimed email). */
    restart(patch: Partial<ConnectionSettings>) {
      Object.assign(settings, patch);
      const old = socket;
      socket = null;
      old?.close();
      if (timer) clearTimeout(timer);
      attempt = 0;
      connect();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
      socket = null;
    },
  };
}
