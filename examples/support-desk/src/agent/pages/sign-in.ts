import type { Team, User } from '@inboxkit/core';
import { html } from '../../ui/html.js';
import { initials } from '../../ui/layout.js';
import type { Route } from '../context.js';
import { sessionCookie } from '../session.js';
import { shell } from '../shell.js';

const teamsOf = (user: User, teams: Team[]) => teams.filter((t) => t.memberIds.includes(user.id)).map((t) => t.name);

/** The demo's "sign in as" picker (see `session.ts`): no passwords, a cookie with the user id. */
export const signInRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/sign-in$/,
    public: true,
    async handle(ctx) {
      const { ws, links, org } = ctx.desk;
      const [users, teams] = await Promise.all([ws.users.list({ limit: 100 }), ws.teams.list({ limit: 100 })]);
      const body = html`<section class="card narrow">
  <h1>Sign in as…</h1>
  <p class="hint">A demo: pick an agent, no password. Every page then reads and acts through <code>ws.asUser(userId)</code>, so you see what that agent may see.</p>
  <form method="post" action="/sign-in"><ul class="agents">${users.items.map((user) => html`<li><button name="userId" value="${user.id}"${ctx.user?.id === user.id ? html` aria-current="true"` : ''}>
    <span class="avatar">${initials(user.name)}</span><span><strong>${user.name}</strong><small>${user.role} · ${teamsOf(user, teams.items).join(', ') || 'no team'}${user.availability === 'away' ? ' · away' : ''}</small></span></button></li>`)}</ul></form>
  <h2>Try it</h2>
  <ul class="hint">
    <li>Chat or send a form on the <a href="${links.site}" target="_blank" rel="noopener">demo site</a>.</li>
    <li>Send email to SMTP <code>${links.smtp}</code>: <code>${org.inboxes.support.fallbackAddress}</code> (Support) or <code>${org.inboxes.sales.fallbackAddress}</code> (Sales).</li>
  </ul>
</section>`;
      return shell(ctx, { title: 'Sign in', section: 'sign-in', body });
    },
  },
  {
    method: 'POST',
    path: /^\/sign-in$/,
    public: true,
    async handle(ctx) {
      const userId = (await ctx.form()).get('userId') ?? '';
      const user = await ctx.desk.ws.users.get(userId);
      return { redirect: '/', headers: { 'set-cookie': sessionCookie(user.id) } };
    },
  },
];
