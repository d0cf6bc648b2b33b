import type { Inbox, User } from '@inboxkit/core';
import { html, type Html } from './html.js';

/** The sections of the header navigation. */
export type Section = 'inbox' | 'search' | 'analytics' | 'chatflows' | 'notifications' | 'sign-in';

/** What the page shell shows around a page's body. */
export interface ShellInput {
  title: string;
  user: User | null;
  /** Inboxes the agent may see (the switcher). */
  inboxes: Inbox[];
  currentInboxId?: string | null;
  section: Section;
  /** The demo site's URL, linked in the header. */
  siteUrl?: string;
  /** The agent's unread notifications. */
  unread?: number;
  body: Html;
}

const navLink = (href: string, label: string, current: boolean) => html`<a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a>`;

/** The page shell: header with the inbox switcher, sections and the signed-in agent; the live-update script. */
export function layout(input: ShellInput): Html {
  const { user, inboxes, currentInboxId, section } = input;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · Support Desk</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css"></head>
<body>
<header class="top">
  <a class="brand" href="/">Support Desk</a>
  ${user
    ? html`<nav class="inboxes" aria-label="Inboxes">${inboxes.map((inbox) => navLink(`/inbox/${inbox.id}/unassigned`, inbox.name, section === 'inbox' && inbox.id === currentInboxId))}</nav>
  <form class="search" role="search" action="/search"><input type="search" name="q" aria-label="Search conversations" placeholder="Search conversations"></form>
  <nav class="sections" aria-label="Sections">${navLink('/analytics', 'Analytics', section === 'analytics')}${navLink('/chatflows', 'Chatflows', section === 'chatflows')}${input.siteUrl ? html`<a href="${input.siteUrl}" target="_blank" rel="noopener">Demo site ↗</a>` : ''}</nav>
  <a class="bell" href="/notifications"${section === 'notifications' ? html` aria-current="page"` : ''}>Notifications${input.unread ? html` <span class="unread">${input.unread}</span>` : ''}</a>
  <form method="post" action="/me/availability" class="availability"><button name="availability" value="${user.availability === 'available' ? 'away' : 'available'}" title="Routing assigns new conversations to available agents only" class="${user.availability}">${user.availability === 'available' ? 'Available' : 'Away'}</button></form>
  <a class="me" href="/sign-in" title="Switch agent (demo sign-in)"><span class="avatar">${initials(user.name)}</span>${user.name}</a>`
    : ''}
</header>
<main class="${section}">${input.body}</main>
<script src="/assets/live.js" defer></script>
</body></html>`;
}

/** Two initials for an avatar bubble. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

/** A minimal page for errors (no inbox list: it must render even when loading data failed). */
export function errorPage(user: User | null, status: number, message: string): Html {
  return layout({
    title: `Error ${status}`,
    user,
    inboxes: [],
    section: 'sign-in',
    body: html`<section class="card narrow"><h1>${status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something went wrong'}</h1><p>${message}</p><p><a href="/">Back to the inbox</a></p></section>`,
  });
}
