import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatChannel } from '@inboxkit/adapter-chat';
import type { InboxKit, User, WorkspaceApi } from '@inboxkit/core';
import type { NotificationFeed } from '../notifications.js';
import type { DemoOrg } from '../seed/org.js';
import type { Html } from '../ui/html.js';

/** What every page of the agent UI can reach. */
export interface Desk {
  kit: InboxKit;
  /** The host's view of the demo workspace: used only to list who may sign in. */
  ws: WorkspaceApi;
  org: DemoOrg;
  chat: ChatChannel;
  /** Each agent's recent notifications (mentions, assignments, new messages). */
  notifications: NotificationFeed;
  /** Where the demo site and the SMTP receiver are, for the header and the sign-in page. */
  links: { site: string; smtp: string };
  /** The kit's clock. */
  now(): number;
}

/** One request to the agent UI, after sign-in. */
export interface PageContext {
  desk: Desk;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The signed-in agent (`null` only on public routes). */
  user: User | null;
  /** The workspace as the signed-in agent: every read and write of a page goes through it. */
  as: WorkspaceApi;
  /** Path parameters of the matched route, decoded. */
  params: string[];
  /** The urlencoded body of a POST. */
  form(): Promise<URLSearchParams>;
}

/** What a route answers: a page, a redirect (after a POST), nothing (204), or "already answered" (event streams). */
export type PageResult = { html: Html; status?: number } | { redirect: string; headers?: Record<string, string> } | { empty: true } | { streaming: true };

/** A route of the agent UI. */
export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path; capture groups become `params`. */
  path: RegExp;
  /** Reachable without signing in. */
  public?: boolean;
  handle(ctx: PageContext): Promise<PageResult>;
}
