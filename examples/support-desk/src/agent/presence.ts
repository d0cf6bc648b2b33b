import { ValidationError } from '@inboxkit/core';
import { html, type Html } from '../ui/html.js';
import type { PageContext, Route } from './context.js';

/** Who else has the conversation open, and who is typing (from `ws.presence`). */
export async function presenceLine(ctx: PageContext, conversationId: string, names: Map<string, string>): Promise<Html> {
  const others = (await ctx.as.presence.get(conversationId)).users.filter((u) => u.userId !== ctx.user!.id);
  const said = others.map((u) => `${names.get(u.userId) ?? 'Someone'} ${u.state === 'typing' ? 'is typing…' : 'is viewing'}`);
  return html`<p class="presence" data-live="presence" aria-live="polite">${said.length ? said.join(' · ') : ''}</p>`;
}

const STATES = { viewing: 'viewing', typing: 'typing', left: 'leave' } as const;

/**
 * `POST /conversations/:id/presence` (`state=viewing|typing|left`): the page's heartbeat, sent by
 * `live.js` every 10 s while open, while typing, and when leaving. Presence is ephemeral: core
 * lets a signal lapse unless repeated.
 */
export const presenceRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/conversations\/([^/]+)\/presence$/,
    async handle(ctx) {
      const [id] = ctx.params as [string];
      const state = (await ctx.form()).get('state') ?? '';
      if (!(state in STATES)) throw new ValidationError('presence', [{ path: 'state', message: 'viewing, typing or left' }]);
      await ctx.as.presence[STATES[state as keyof typeof STATES]](id);
      return { empty: true };
    },
  },
];
