import { ValidationError } from '@inboxkit/core';
import { ago } from '../../ui/format.js';
import { html } from '../../ui/html.js';
import type { Route } from '../context.js';
import { shell } from '../shell.js';

const LABELS: Record<string, string> = {
  'comment.mention': 'Mention',
  'conversation.assigned': 'Assigned',
  'conversation.created': 'New conversation',
  'message.received': 'New message',
};

/** The signed-in agent's own things: their notifications, and their availability for routing. */
export const meRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/notifications$/,
    async handle(ctx) {
      const me = ctx.user!.id;
      const feed = ctx.desk.notifications;
      const items = feed.forUser(me);
      const fresh = feed.unread(me);
      feed.markSeen(me);
      const now = ctx.desk.now();
      const body = html`<section class="card narrow"><h1>Notifications</h1>
${items.length === 0 ? html`<p class="empty">Nothing yet. Mentions (@${ctx.user!.name.split(' ')[0]}), assignments and new messages show up here.</p>` : ''}
<ul class="notifications">${items.map((n, i) => html`<li${i < fresh ? html` class="fresh"` : ''}><span class="badge">${LABELS[n.type] ?? n.type}</span><a href="/conversations/${n.conversationId}">${n.summary}</a><small>${ago(n.at, now)}</small></li>`)}</ul>
</section>`;
      return shell(ctx, { title: 'Notifications', section: 'notifications', body });
    },
  },
  {
    method: 'POST',
    path: /^\/me\/availability$/,
    async handle(ctx) {
      const availability = (await ctx.form()).get('availability');
      if (availability !== 'available' && availability !== 'away') throw new ValidationError('availability', [{ path: 'availability', message: 'available or away' }]);
      await ctx.as.users.setAvailability(ctx.user!.id, availability);
      // Back to the page the toggle was on (only ever a page of this UI).
      const back = ctx.req.headers.referer;
      const url = back && URL.canParse(back) ? new URL(back) : null;
      return { redirect: url && url.host === ctx.req.headers.host ? url.pathname + url.search : '/' };
    },
  },
];
