import type { ContactSidebar } from '@inboxkit/core';
import { ago } from '../../ui/format.js';
import { html, safeHref, type Html } from '../../ui/html.js';

const isUnknown = (contact: ContactSidebar['contact']) => !contact.email && !contact.name && !contact.phone;

function createContactForm(contactId: string, conversationId: string): Html {
  return html`<form class="stack" method="post" action="/contacts/${contactId}/create">
  <input type="hidden" name="conversationId" value="${conversationId}">
  <p class="hint">This visitor is not in your contacts yet.</p>
  <label>Name <input name="name" autocomplete="off"></label>
  <label>Email <input name="email" type="email" autocomplete="off"></label>
  <label>Phone <input name="phone" autocomplete="off"></label>
  <button>Create contact</button>
</form>`;
}

/** The contact sidebar: known info (or "create contact"), associated records, previous conversations. */
export function sidebar(data: ContactSidebar, conversationId: string, names: Map<string, string>, now: number): Html {
  const { contact } = data;
  const properties = Object.entries(contact.properties).filter(([, v]) => v !== null && typeof v !== 'object');
  return html`<aside class="sidebar" aria-label="Contact">
<section class="card"><h2>${contact.name ?? contact.email ?? 'Unknown visitor'}</h2>
${isUnknown(contact)
  ? createContactForm(contact.id, conversationId)
  : html`<dl>
  ${contact.email ? html`<dt>Email</dt><dd>${contact.email}</dd>` : ''}
  ${contact.phone ? html`<dt>Phone</dt><dd>${contact.phone}</dd>` : ''}
  ${contact.ownerId ? html`<dt>Owner</dt><dd>${names.get(contact.ownerId) ?? contact.ownerId}</dd>` : ''}
  ${properties.map(([key, value]) => html`<dt>${key}</dt><dd>${String(value)}</dd>`)}
  <dt>Contact since</dt><dd>${ago(contact.createdAt, now)}</dd>
</dl>`}
</section>
${data.associations.map((group) => html`<section class="card"><h2>Records <small>from ${group.provider}</small></h2>
  ${group.error ? html`<p class="error">Could not load: ${group.error}</p>` : ''}
  ${group.items.length === 0 && !group.error ? html`<p class="empty">No associated records.</p>` : ''}
  <ul class="records">${group.items.map((record) => html`<li><span class="badge">${record.type}</span> <a href="${safeHref(record.url)}" target="_blank" rel="noopener">${record.title}</a>${
    record.properties ? html`<small>${Object.entries(record.properties).map(([k, v]) => `${k}: ${String(v)}`).join(' · ')}</small>` : ''
  }</li>`)}</ul>
</section>`)}
<section class="card"><h2>Previous conversations</h2>
${data.previousConversations.length === 0
  ? html`<p class="empty">None.</p>`
  : html`<ul class="previous">${data.previousConversations.map((c) => html`<li><a href="/conversations/${c.id}">${c.subject ?? `${c.channelType} conversation`}</a> <small>${c.status} · ${ago(c.lastMessageAt, now)}</small></li>`)}</ul>`}
</section>
</aside>`;
}
