import type { Contact, TimelineItem } from '@inboxkit/core';
import { dateTime, mentionParts } from '../../ui/format.js';
import { html, type Html } from '../../ui/html.js';
import { contactLabel } from './inbox-list.js';

/** A comment's text with `@[userId]` shown as a highlighted `@Name`. */
export function commentText(text: string, names: Map<string, string>): Html {
  return html`${mentionParts(text).map((part) => ('userId' in part ? html`<mark class="mention">@${names.get(part.userId) ?? 'unknown user'}</mark>` : part.text))}`;
}

function author(item: Extract<TimelineItem, { kind: 'message' }>, contact: Contact, names: Map<string, string>): string {
  switch (item.author.type) {
    case 'contact':
      return contactLabel(contact);
    case 'user':
      return names.get(item.author.id ?? '') ?? 'Agent';
    case 'bot':
      return 'Bot';
    case 'system':
      return 'System';
  }
}

/** The page a visitor wrote from: chat messages carry `chat.pageUrl`, form submissions `page.url`. */
export function pageOf(metadata: Record<string, unknown>): string | null {
  const chat = metadata.chat as { pageUrl?: unknown } | undefined;
  const page = metadata.page as { url?: unknown } | undefined;
  const url = chat?.pageUrl ?? page?.url;
  return typeof url === 'string' ? url : null;
}

/** The conversation's messages and internal comments, oldest first. */
export function timeline(items: TimelineItem[], contact: Contact, names: Map<string, string>): Html {
  return html`<ol class="timeline">${items.map((item) => {
    if (item.kind === 'comment') {
      return html`<li class="item note"><header><strong>${names.get(item.authorId) ?? 'Agent'}</strong> <span>internal comment</span> <time>${dateTime(item.createdAt)}</time></header><p>${commentText(item.text, names)}</p></li>`;
    }
    const failed = item.deliveryStatus === 'failed' ? html` <span class="badge failed" title="${item.deliveryError ?? ''}">not delivered</span>` : '';
    const page = item.direction === 'incoming' ? pageOf(item.metadata) : null;
    return html`<li class="item ${item.direction === 'incoming' ? 'in' : 'out'} ${item.author.type}"><header><strong>${author(item, contact, names)}</strong>${failed}${page ? html` <span class="page" title="${page}">on ${URL.canParse(page) ? new URL(page).pathname : page}</span>` : ''} <time>${dateTime(item.createdAt)}</time></header><p>${item.visibleText ?? item.text}</p>${
      item.attachments.length ? html`<p class="attachments">${item.attachments.map((a) => html`<span class="badge">📎 ${a.filename}</span>`)}</p>` : ''
    }</li>`;
  })}</ol>`;
}
