import { createConnection } from './connection.js';
import { createEmitter } from './emitter.js';
import { runTriggers } from './triggers.js';
import type { ChatMessage, MatchAnswer } from './types.js';
import { createView } from './view.js';

/** Where the widget talks to, from its `<script>` tag. */
export interface WidgetSettings {
  baseUrl: string;
  workspaceId: string;
  channelId: string;
  identityToken: string | null;
}

/** `open()` options: a prefilled message and/or a given chatflow. */
export interface OpenOptions {
  message?: string;
  chatflowId?: string;
}

const VISITOR_KEY = 'inboxkit.chat.visitor';
/** How long "is typing" shows without a fresh signal from the server. */
const AGENT_TYPING_MS = 8000;

function visitorId(): string {
  try {
    const stored = localStorage.getItem(VISITOR_KEY);
    if (stored && /^[\w-]{16,100}$/.test(stored)) return stored;
    const fresh = `v_${crypto.randomUUID().replace(/-/g, '')}`;
    localStorage.setItem(VISITOR_KEY, fresh);
    return fresh;
  } catch {
    // Storage blocked (privacy mode): a visitor for this page view only.
    return `v_${crypto.randomUUID().replace(/-/g, '')}`;
  }
}

/** The running widget: match, render, connect; `refresh` runs it again for a new URL. */
export function createWidget(settings: WidgetSettings) {
  const events = createEmitter();
  const visitor = visitorId();
  const readKey = `inboxkit.chat.read.${settings.channelId}`;
  let teardown: (() => void) | null = null;
  let state = { loaded: false, open: false, chatflowId: null as string | null, conversationId: null as string | null, unread: 0, connected: false };
  let api: { open(options?: OpenOptions): void; close(): void; identify(token: string): void } | null = null;

  async function match(): Promise<MatchAnswer> {
    const query = `workspaceId=${encodeURIComponent(settings.workspaceId)}&channelId=${encodeURIComponent(settings.channelId)}`;
    const body: Record<string, string> = { url: location.href, visitorId: visitor };
    if (settings.identityToken) body.identityToken = settings.identityToken;
    const response = await fetch(`${settings.baseUrl}/chat/match?${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`chat match failed (${response.status})`);
    return response.json();
  }

  async function load(forced?: string): Promise<void> {
    const answer = await match();
    const chatflowId = forced ?? answer.chatflow?.id ?? null;
    if (!chatflowId) return;
    const readAt = Number(localStorage.getItem(readKey) ?? 0);
    const setUnread = (count: number) => {
      if (count === state.unread) return;
      state.unread = count;
      view.setUnread(count);
      events.emit('unreadCountChanged', { unreadCount: count });
    };
    const markRead = (message: ChatMessage | null) => {
      setUnread(0);
      if (!message) return;
      localStorage.setItem(readKey, String(message.at));
      connection.markRead(message.id);
    };
    let last: ChatMessage | null = null;
    // The server re-sends "typing" while the agent types; without it the indicator lapses.
    let typingTimer: ReturnType<typeof setTimeout> | null = null;
    const agentTyping = (name: string | null) => {
      if (typingTimer) clearTimeout(typingTimer);
      typingTimer = name === null ? null : setTimeout(() => agentTyping(null), AGENT_TYPING_MS);
      view.setAgentTyping(name);
    };
    let typingSentAt = 0;
    const view = createView(answer, {
      toggle: () => (state.open ? close() : open()),
      close: () => close(),
      send: (text) => {
        if (typingSentAt) connection.typing(false);
        typingSentAt = 0;
        const clientId = connection.sendMessage(text);
        view.addMessage({ key: clientId, direction: 'incoming', author: { type: 'contact', name: null }, text, pending: true });
        view.setQuickReplies([]);
      },
      typing: (typing) => {
        // At most one "typing" every 3 s; "stopped" at once.
        const now = Date.now();
        if (typing && now - typingSentAt < 3000) return;
        typingSentAt = typing ? now : 0;
        connection.typing(typing);
      },
      captureEmail: (email) => connection.restart({ claimedEmail: email }),
    });
    const connection = createConnection(
      { wsUrl: `${settings.baseUrl.replace(/^http/, 'ws')}/chat/ws?${new URLSearchParams({ workspaceId: settings.workspaceId, channelId: settings.channelId })}`, visitorId: visitor, pageUrl: location.href, chatflowId, identityToken: settings.identityToken, claimedEmail: null },
      {
        welcome: ({ conversationId }) => {
          state.conversationId = conversationId;
        },
        message: (message) => {
          last = message;
          if (message.direction === 'outgoing') agentTyping(null);
          view.addMessage({ ...message, key: message.clientId ?? message.id });
          view.setQuickReplies(message.direction === 'outgoing' ? message.quickReplies : []);
          if (!state.conversationId) {
            state.conversationId = message.conversationId;
            events.emit('conversationStarted', { conversationId: message.conversationId });
          }
          events.emit('message', { message });
          if (message.direction === 'outgoing' && message.at > readAt) {
            if (state.open) markRead(message);
            else setUnread(state.unread + 1);
          }
        },
        typing: ({ typing, name }) => agentTyping(typing ? (name ?? answer.profile?.name ?? 'Agent') : null),
        error: ({ message }) => view.addMessage({ key: `error-${Date.now()}`, direction: 'outgoing', author: { type: 'system', name: 'Chat' }, text: message }),
        state: (connected) => {
          state.connected = connected;
        },
        refused: (reason) => view.addMessage({ key: 'refused', direction: 'outgoing', author: { type: 'system', name: 'Chat' }, text: `Chat unavailable: ${reason}` }),
      },
    );
    const welcome = answer.chatflow?.welcomeMessage;
    const cancelTriggers = runTriggers(answer.triggers, () => {
      if (welcome && !state.open) view.showPrompt(welcome);
    });
    if (welcome) view.addMessage({ key: 'welcome', direction: 'outgoing', author: { type: 'system', name: answer.profile?.name ?? null }, text: welcome });

    function open(options: OpenOptions = {}) {
      if (options.message) view.prefill(options.message);
      if (state.open) return;
      state.open = true;
      view.setOpen(true);
      markRead(last);
      events.emit('open', {});
    }
    function close() {
      if (!state.open) return;
      state.open = false;
      view.setOpen(false);
      events.emit('close', {});
    }
    document.body.append(view.host);
    connection.start();
    state = { ...state, loaded: true, chatflowId };
    api = { open, close, identify: (token) => connection.restart({ identityToken: token }) };
    teardown = () => {
      cancelTriggers();
      if (typingTimer) clearTimeout(typingTimer);
      connection.stop();
      view.host.remove();
      state = { loaded: false, open: false, chatflowId: null, conversationId: null, unread: 0, connected: false };
      api = null;
    };
    events.emit('ready', { chatflowId });
  }

  const remove = () => {
    teardown?.();
    teardown = null;
  };
  const report = (error: unknown) => console.error('[InboxKit chat]', error);

  return {
    events,
    start: () => load().catch(report),
    open(options: OpenOptions = {}) {
      if (options.chatflowId && options.chatflowId !== state.chatflowId) {
        remove();
        return load(options.chatflowId).then(() => api?.open(options), report);
      }
      api?.open(options);
    },
    close: () => api?.close(),
    remove,
    refresh() {
      remove();
      return load().catch(report);
    },
    identify(token: string) {
      settings.identityToken = token;
      api?.identify(token);
    },
    status: () => ({ ...state }),
  };
}
