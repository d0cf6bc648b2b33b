import type { Conversation, Tag } from '@inboxkit/core';
import { html, type Html } from '../ui/html.js';
import type { PageContext } from './context.js';

/** The workspace's tags by id. */
export async function tagsById(ctx: PageContext): Promise<Map<string, Tag>> {
  return new Map((await ctx.as.tags.list({ limit: 100 })).items.map((t) => [t.id, t]));
}

/** A tag chip in the tag's colour (core keeps colours as `#rrggbb`). */
export function tagChip(tag: Tag, remove?: { conversationId: string }): Html {
  return html`<span class="tag" style="--tag: ${tag.color ?? '#64748b'}">${tag.name}${
    remove ? html`<form method="post" action="/conversations/${remove.conversationId}/untag" class="inline"><input type="hidden" name="tagId" value="${tag.id}"><button aria-label="Remove tag ${tag.name}" title="Remove">×</button></form>` : ''
  }</span>`;
}

/** The chips of a conversation (in lists). */
export const tagChips = (conversation: Conversation, tags: Map<string, Tag>) => html`${conversation.tagIds.map((id) => tags.get(id)).filter((t): t is Tag => Boolean(t)).map((t) => tagChip(t))}`;

/** A conversation's tags with remove buttons, and a picker to add one. */
export function tagEditor(conversation: Conversation, tags: Map<string, Tag>): Html {
  const on = conversation.tagIds.map((id) => tags.get(id)).filter((t): t is Tag => Boolean(t));
  const rest = [...tags.values()].filter((t) => !conversation.tagIds.includes(t.id));
  return html`<div class="tags">${on.map((t) => tagChip(t, { conversationId: conversation.id }))}${
    rest.length ? html`<form method="post" action="/conversations/${conversation.id}/tag" class="inline"><label class="visually-hidden" for="add-tag">Add tag</label><select id="add-tag" name="tagId">${rest.map((t) => html`<option value="${t.id}">${t.name}</option>`)}</select><button>Add tag</button></form>` : ''
  }</div>`;
}
