import { NotFoundError, type Contact, type Conversation, type Tag } from '@inboxkit/core';
import { ago } from '../../ui/format.js';
import { html } from '../../ui/html.js';
import type { PageContext, Route } from '../context.js';
import { shell, userNames } from '../shell.js';
import { tagChips, tagsById } from '../tags.js';
import { viewById, viewsNav } from '../views.js';

const PAGE_SIZE = 25;

/** How a contact is called in lists: name, else email, else "Unknown visitor". */
export const contactLabel = (contact: Pick<Contact, 'name' | 'email'> | null) => contact?.name ?? contact?.email ?? 'Unknown visitor';

/** One row of a conversation list. */
export function conversationRow(conversation: Conversation, contact: Contact | null, assignee: string | undefined, tags: Map<string, Tag>, now: number, unread = false) {
  return html`<li class="row ${conversation.status}${unread ? ' unread' : ''}">
  <a href="/conversations/${conversation.id}">
    <span class="who">${contactLabel(contact)}</span>
    <span class="subject">${conversation.subject ?? (conversation.channelType === 'chat' ? 'Chat on the website' : '(no subject)')} ${tagChips(conversation, tags)}</span>
    <span class="meta"><span class="badge ${conversation.channelType}">${conversation.channelType}</span>${assignee ? html`<span class="assignee">${assignee}</span>` : html`<span class="assignee none">Unassigned</span>`}<time>${ago(conversation.lastMessageAt, now)}</time></span>
  </a>
</li>`;
}

async function listPage(ctx: PageContext) {
  const [inboxId, viewId] = ctx.params as [string, string];
  const view = viewById(viewId);
  if (!view) throw new NotFoundError('view', viewId);
  const inbox = await ctx.as.inboxes.get(inboxId);
  const tagId = ctx.url.searchParams.get('tagId') || undefined;
  const [page, names, nav, tags] = await Promise.all([
    ctx.as.conversations.list({ ...view.query(ctx.user!.id), inboxId, tagId, limit: PAGE_SIZE, cursor: ctx.url.searchParams.get('cursor') }),
    userNames(ctx),
    viewsNav(ctx, inbox, viewId),
    tagsById(ctx),
  ]);
  const tag = tagId ? tags.get(tagId) : undefined;
  const [contacts, reads] = await Promise.all([
    Promise.all(page.items.map((c) => ctx.as.contacts.get(c.contactId).catch(() => null))),
    ctx.as.conversations.readStates(page.items.map((c) => c.id)),
  ]);
  const unread = new Set(reads.filter((r) => r.unread).map((r) => r.conversationId));
  const now = ctx.desk.now();
  const body = html`${nav}
<section class="list" data-live="list">
  <h1>${inbox.name} · ${view.label}${tag ? html` · tagged ${tag.name}` : ''}</h1>
  ${page.items.length === 0
    ? html`<p class="empty">Nothing here.</p>`
    : html`<ul class="conversations">${page.items.map((c, i) => conversationRow(c, contacts[i]!, c.assigneeId ? names.get(c.assigneeId) : undefined, tags, now, unread.has(c.id)))}</ul>`}
  ${page.nextCursor ? html`<p class="more"><a href="?${new URLSearchParams({ ...(tagId ? { tagId } : {}), cursor: page.nextCursor }).toString()}">Older conversations →</a></p>` : ''}
</section>`;
  return shell(ctx, { title: `${inbox.name} · ${view.label}`, section: 'inbox', inboxId, body });
}

/** The inbox: `/` opens the first inbox's unassigned view; `/inbox/:inboxId/:view` lists a view. */
export const inboxRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/$/,
    async handle(ctx) {
      const [first] = (await ctx.as.inboxes.list({ limit: 1 })).items;
      return first ? { redirect: `/inbox/${first.id}/unassigned` } : shell(ctx, { title: 'No inbox', section: 'inbox', body: html`<p class="empty">You are not a member of any inbox.</p>` });
    },
  },
  { method: 'GET', path: /^\/inbox\/([^/]+)\/([a-z-]+)$/, handle: listPage },
];
