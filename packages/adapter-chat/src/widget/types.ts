/** Shapes the widget shares with the server (kept here so the browser bundle imports no Node code). */

/** What `POST /chat/match` answers. */
export interface MatchAnswer {
  chatflow: { id: string; type: 'live-chat' | 'bot'; welcomeMessage: string | null } | null;
  triggers: Array<{ type: 'timeOnPage'; seconds: number } | { type: 'scroll'; percent: number } | { type: 'exitIntent' }>;
  availability: { open: boolean; awayMessage: string | null; collectEmail: boolean; typicalReplyTime: unknown } | null;
  profile: { type: 'user'; name: string; avatarUrl: string | null; meetingLink: string | null } | { type: 'team'; name: string } | null;
}

/** A message frame from the server. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  direction: 'incoming' | 'outgoing';
  author: { type: 'contact' | 'user' | 'bot' | 'system'; name: string | null };
  text: string;
  at: number;
  /** The widget's id of a visitor message it sent. */
  clientId: string | null;
  /** Quick replies a bot question offers. */
  quickReplies: string[];
}

/** A server frame: an agent is (or stopped) typing a reply in the visitor's conversation. */
export interface AgentTyping {
  typing: boolean;
  /** The agent's display name; `null` when unknown. */
  name: string | null;
}

/** Events of `window.InboxKit.chat.on`. */
export interface WidgetEvents {
  /** The widget loaded and shows on this page. */
  ready: { chatflowId: string };
  /** The visitor's first message opened a conversation. */
  conversationStarted: { conversationId: string };
  /** The number of agent/bot messages the visitor has not seen changed. */
  unreadCountChanged: { unreadCount: number };
  /** A message arrived (either direction). */
  message: { message: ChatMessage };
  open: Record<string, never>;
  close: Record<string, never>;
}
