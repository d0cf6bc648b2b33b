import type { Conversation, Inbox, Snippet, User } from '@inboxkit/core';
import { dateTime } from '../../ui/format.js';
import { html, type Html } from '../../ui/html.js';
import type { PageContext, Route } from '../context.js';
import { presenceLine } from '../presence.js';
import { shell, userNames } from '../shell.js';
import { tagEditor, tagsById } from '../tags.js';
import { viewsNav } from '../views.js';
import { contactLabel } from './inbox-list.js';
import { sidebar } from './sidebar.js';
import { timeline } from './timeline.js';

function actions(conversation: Conversation, users: User[], inboxes: Inbox[], me: string): Html {
  const base = `/conversations/${conversation.id}`;
  const others = inboxes.filter((i) => i.id !== conversation.inboxId);
  return html`<div class="actions">
  <form method="post" action="${base}/assign" class="inline">
    <label>Assignee <select name="userId">
      <option value="">Unassigned</option>
      ${users.map((u) => html`<option value="${u.id}"${u.id === conversation.assigneeId ? html` selected` : ''}>${u.name}${u.availability === 'away' ? ' (away)' : ''}</option>`)}
    </select></label>
    <button>Assign</button>
  </form>
  ${conversation.assigneeId !== me ? html`<form method="post" action="${base}/assign" class="inline"><input type="hidden" name="userId" value="${me}"><button>Assign to me</button></form>` : ''}
  ${conversation.status === 'open' ? html`<form method="post" action="${base}/snooze" class="inline"><button title="It reopens by itself, or when the contact writes">Snooze 1 day</button></form>` : ''}
  <form method="post" action="${base}/${conversation.status === 'closed' ? 'reopen' : 'close'}" class="inline"><button class="${conversation.status === 'closed' ? '' : 'primary'}">${conversation.status === 'closed' ? 'Reopen' : 'Close'}</button></form>
  <form method="post" action="${base}/mark-unread" class="inline"><button>Mark unread</button></form>
  <form method="post" action="${base}/${conversation.spam ? 'not-spam' : 'spam'}" class="inline"><button>${conversation.spam ? 'Not spam' : 'Mark as spam'}</button></form>
  ${others.length ? html`<form method="post" action="${base}/move" class="inline"><label>Move to <select name="inboxId">${others.map((i) => html`<option value="${i.id}">${i.name}</option>`)}</select></label><button>Move</button></form>` : ''}
</div>`;
}

/** Snippets: a GET form that re-renders the page with the snippet filled in for this conversation (live.js inserts it in place). */
function snippetPicker(conversation: Conversation, snippets: Snippet[]): Html {
  if (snippets.length === 0) return html``;
  return html`<form method="get" action="/conversations/${conversation.id}" class="snippet-picker" data-snippets>
  <label>Snippet <select name="snippet">${snippets.map((s) => html`<option value="${s.id}">/${s.shortcut} · ${s.name}</option>`)}</select></label>
  <button>Insert</button>
</form>`;
}

function composer(conversation: Conversation, snippets: Snippet[], draft: string): Html {
  const base = `/conversations/${conversation.id}`;
  return html`${snippetPicker(conversation, snippets)}<form class="composer" method="post" action="${base}/reply">
  <label for="composer-text" class="visually-hidden">Message</label>
  <textarea id="composer-text" name="text" rows="4" required placeholder="Write a reply, or an internal comment (mention teammates with @Name)">${draft}</textarea>
  <div class="buttons">
    <button class="primary">Send reply</button>
    <button formaction="${base}/comment">Add internal comment</button>
    <small>${conversation.channelType === 'chat' ? 'Replies appear in the visitor’s chat.' : 'Replies go out by email.'}</small>
  </div>
</form>`;
}

async function conversationPage(ctx: PageContext) {
  const [id] = ctx.params as [string];
  const conversation = await ctx.as.conversations.get(id);
  // Opening it reads it, for this agent (core records a change only when the state flips).
  await ctx.as.conversations.markRead(id);
  const snippetId = ctx.url.searchParams.get('snippet');
  const [items, names, users, contactSidebar, nav, inboxes, tags, snippets, draft] = await Promise.all([
    ctx.as.conversations.timeline(id, { limit: 200 }),
    userNames(ctx),
    ctx.as.users.list({ limit: 100 }),
    ctx.as.contacts.sidebar(conversation.contactId, { excludeConversationId: id }),
    ctx.as.inboxes.get(conversation.inboxId).then((inbox) => viewsNav(ctx, inbox, null)),
    ctx.as.inboxes.list({ limit: 100 }),
    tagsById(ctx),
    ctx.as.snippets.list({ inboxId: conversation.inboxId, limit: 100 }),
    snippetId ? ctx.as.snippets.render(snippetId, { conversationId: id }).then((r) => r.text) : '',
  ]);
  const contact = contactSidebar.contact;
  const now = ctx.desk.now();
  const team = conversation.teamId ? (await ctx.as.teams.get(conversation.teamId).catch(() => null))?.name : null;
  const chatflow = conversation.origin.kind === 'chatflow' && conversation.origin.id ? (await ctx.as.chatflows.get(conversation.origin.id).catch(() => null))?.name : null;
  const body = html`${nav}
<section class="conversation" data-conversation-id="${id}">
  <div data-live="head">
    <h1>${conversation.subject ?? `Chat with ${contactLabel(contact)}`}</h1>
    <p class="meta"><span class="badge ${conversation.channelType}">${conversation.channelType}</span> <span class="badge status-${conversation.status}">${conversation.status}</span>${conversation.spam ? html` <span class="badge failed">spam</span>` : ''}
      ${conversation.assigneeId ? html`Assigned to <strong>${names.get(conversation.assigneeId) ?? '?'}</strong>` : 'Unassigned'}${team ? html` · team <strong>${team}</strong>` : ''}${chatflow ? html` · via chatflow <strong>${chatflow}</strong>` : ''}${conversation.status === 'snoozed' && conversation.snoozedUntil ? html` · snoozed until ${dateTime(conversation.snoozedUntil)}` : ''}</p>
    ${tagEditor(conversation, tags)}
    ${actions(conversation, users.items, inboxes.items, ctx.user!.id)}
  </div>
  <div data-live="timeline">${timeline(items.items, contact, names)}</div>
  ${await presenceLine(ctx, id, names)}
  ${composer(conversation, snippets.items, draft)}
</section>
<div data-live="sidebar">${sidebar(contactSidebar, id, names, now)}</div>`;
  return shell(ctx, { title: conversation.subject ?? 'Chat', section: 'inbox', inboxId: conversation.inboxId, body });
}

/** `/conversations/:id`: the timeline, the composer, assign/close/reopen and the contact sidebar. */
export const conversationRoutes: Route[] = [{ method: 'GET', path: /^\/conversations\/([^/]+)$/, handle: conversationPage }];
