import { html } from '../../ui/html.js';
import type { PageContext, Route } from '../context.js';
import { shell, userNames } from '../shell.js';
import { tagsById } from '../tags.js';
import { conversationRow } from './inbox-list.js';

const PAGE_SIZE = 25;

async function searchPage(ctx: PageContext) {
  const query = ctx.url.searchParams.get('q')?.trim() ?? '';
  const inboxId = ctx.url.searchParams.get('inboxId') || undefined;
  const body = async () => {
    if (!query) return html`<p class="empty">Type words to find in subjects, messages, comments and contact names or emails.</p>`;
    const [page, names, tags] = await Promise.all([
      ctx.as.conversations.search({ query, ...(inboxId ? { inboxId } : {}), limit: PAGE_SIZE, cursor: ctx.url.searchParams.get('cursor') }),
      userNames(ctx),
      tagsById(ctx),
    ]);
    const contacts = await Promise.all(page.items.map((hit) => ctx.as.contacts.get(hit.conversation.contactId).catch(() => null)));
    const now = ctx.desk.now();
    const more = page.nextCursor ? `?${new URLSearchParams({ q: query, ...(inboxId ? { inboxId } : {}), cursor: page.nextCursor }).toString()}` : null;
    return page.items.length === 0
      ? html`<p class="empty">No conversation matches “${query}”.</p>`
      : html`<ul class="conversations">${page.items.map(({ conversation: c }, i) => conversationRow(c, contacts[i]!, c.assigneeId ? names.get(c.assigneeId) : undefined, tags, now))}</ul>
${more ? html`<p class="more"><a href="${more}">More results →</a></p>` : ''}`;
  };
  const content = html`<section class="list"><h1>Search${query ? html` · “${query}”` : ''}</h1>${await body()}</section>`;
  return shell(ctx, { title: query ? `Search: ${query}` : 'Search', section: 'search', body: content });
}

/** `/search?q=`: `conversations.search` as the signed-in agent (their inboxes only), best matches first. */
export const searchRoutes: Route[] = [{ method: 'GET', path: /^\/search$/, handle: searchPage }];
