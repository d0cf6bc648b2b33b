/**
 * The widget bundle's entry (`/widget.js`): reads its settings from the tracking code's
 * `<script>` tag and installs `window.InboxKit.chat`.
 */
import { createWidget, type OpenOptions } from './widget.js';
import type { WidgetEvents } from './types.js';

/** `window.InboxKit.chat`: the page's API, in the spirit of `window.HubSpotConversations`. */
export interface ChatWidgetApi {
  /** Opens the chat panel; `message` prefills the textbox, `chatflowId` shows that chatflow instead of the matched one. */
  open(options?: OpenOptions): void;
  /** Closes the panel (the launcher stays). */
  close(): void;
  /** Removes the widget from the page and disconnects. */
  remove(): void;
  /** Removes and loads again: asks which chatflow matches the current URL (after a client-side navigation). */
  refresh(): void;
  /** Where the widget stands. */
  status(): { loaded: boolean; open: boolean; chatflowId: string | null; conversationId: string | null; unread: number; connected: boolean };
  /** Verifies the visitor with a token the host's server made (`createIdentityToken`); reconnects. */
  identify(input: { token: string }): void;
  on<K extends keyof WidgetEvents>(event: K, fn: (payload: WidgetEvents[K]) => void): void;
  off<K extends keyof WidgetEvents>(event: K, fn: (payload: WidgetEvents[K]) => void): void;
}

declare global {
  interface Window {
    InboxKit?: { chat?: ChatWidgetApi };
    /** Set before the script loads to pass an identity token: `{ identityToken }`. */
    InboxKitSettings?: { identityToken?: string };
  }
}

function boot(): void {
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-inboxkit-chat]');
  const data = script?.dataset;
  if (!data?.workspaceId || !data.channelId) return console.error('[InboxKit chat] the script tag needs data-workspace-id and data-channel-id');
  if (window.InboxKit?.chat) return; // loaded twice: keep the first
  const baseUrl = (data.baseUrl ?? new URL(script!.src).origin).replace(/\/$/, '');
  const widget = createWidget({ baseUrl, workspaceId: data.workspaceId, channelId: data.channelId, identityToken: window.InboxKitSettings?.identityToken ?? null });
  const api: ChatWidgetApi = {
    open: (options) => void widget.open(options),
    close: () => widget.close(),
    remove: () => widget.remove(),
    refresh: () => void widget.refresh(),
    status: () => widget.status(),
    identify: ({ token }) => widget.identify(token),
    on: (event, fn) => widget.events.on(event, fn),
    off: (event, fn) => widget.events.off(event, fn),
  };
  window.InboxKit = { ...window.InboxKit, chat: api };
  const start = () => void widget.start();
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

boot();
