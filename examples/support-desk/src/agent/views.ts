import type { Inbox, ListConversationsInput } from '@inboxkit/core';
import { html, type Html } from '../ui/html.js';
import type { PageContext } from './context.js';

/** A saved view of an inbox: a name and the `conversations.list` query behind it. */
export interface InboxView {
  id: string;
  label: string;
  query(userId: string): ListConversationsInput;
}

/** The views every inbox has, in the order the sidebar shows them. */
export const VIEWS: InboxView[] = [
  { id: 'unassigned', label: 'Unassigned', query: () => ({ status: ['open', 'snoozed'], assignee: 'unassigned' }) },
  { id: 'mine', label: 'Assigned to me', query: (userId) => ({ status: ['open', 'snoozed'], assignee: userId }) },
  { id: 'open', label: 'All open', query: () => ({ status: ['open', 'snoozed'] }) },
  { id: 'closed', label: 'Closed', query: () => ({ status: 'closed' }) },
  { id: 'spam', label: 'Spam', query: () => ({ spam: true }) },
];

/** The view by id; `undefined` for an unknown one. */
export const viewById = (id: string) => VIEWS.find((v) => v.id === id);

const COUNT_LIMIT = 100;

/** The views of an inbox with their counts (`99+` past the first page), then its tags as filters; the current one marked. */
export async function viewsNav(ctx: PageContext, inbox: Inbox, currentView: string | null): Promise<Html> {
  const userId = ctx.user!.id;
  const inboxId = inbox.id;
  const currentTag = ctx.url.searchParams.get('tagId');
  const tags = (await ctx.as.tags.list({ limit: 100 })).items;
  const counts = await Promise.all(VIEWS.map(async (view) => (await ctx.as.conversations.list({ ...view.query(userId), inboxId, limit: COUNT_LIMIT })).items.length));
  return html`<nav class="views" aria-label="Views" data-live="views">
  <h2>${inbox.name}</h2>
  <ul>${VIEWS.map((view, i) => html`<li><a href="/inbox/${inboxId}/${view.id}"${view.id === currentView && !currentTag ? html` aria-current="page"` : ''}><span>${view.label}</span><span class="count">${counts[i]! >= COUNT_LIMIT ? '99+' : counts[i]}</span></a></li>`)}</ul>
  ${tags.length ? html`<h2>Tags</h2><ul>${tags.map((tag) => html`<li><a href="/inbox/${inboxId}/open?tagId=${tag.id}"${tag.id === currentTag ? html` aria-current="page"` : ''}><span class="tag" style="--tag: ${tag.color ?? '#64748b'}">${tag.name}</span></a></li>`)}</ul>` : ''}
</nav>`;
}
