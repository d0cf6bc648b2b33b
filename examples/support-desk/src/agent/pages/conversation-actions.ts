import { ValidationError } from '@inboxkit/core';
import { toMentions } from '../../ui/format.js';
import type { PageContext, PageResult, Route } from '../context.js';

const DAY = 86_400_000;

const back = (id: string): PageResult => ({ redirect: `/conversations/${id}` });

function requiredText(form: URLSearchParams, what: string): string {
  const text = form.get('text')?.trim();
  if (!text) throw new ValidationError(what, [{ path: 'text', message: 'write something first' }]);
  return text;
}

/** A POST on a conversation: the acting agent is always the signed-in one (`by`, `authorId`). */
function action(name: string, run: (ctx: PageContext, id: string, form: URLSearchParams, me: string) => Promise<unknown>): Route {
  return {
    method: 'POST',
    path: new RegExp(`^/conversations/([^/]+)/${name}$`),
    async handle(ctx) {
      const [id] = ctx.params as [string];
      await run(ctx, id, await ctx.form(), ctx.user!.id);
      return back(id);
    },
  };
}

/** Back to the inbox, since opening the conversation again would read it. */
const markUnread: Route = {
  method: 'POST',
  path: /^\/conversations\/([^/]+)\/mark-unread$/,
  async handle(ctx) {
    const [id] = ctx.params as [string];
    await ctx.as.conversations.markUnread(id);
    return { redirect: `/inbox/${(await ctx.as.conversations.get(id)).inboxId}/open` };
  },
};

/** Reply, comment, assign, close, reopen, snooze, spam / not spam, move, tag, untag and mark unread, each a form post that redirects back to the conversation. */
export const conversationActionRoutes: Route[] = [
  action('reply', (ctx, id, form, me) => ctx.as.conversations.reply(id, { authorId: me, text: requiredText(form, 'reply') })),
  action('comment', async (ctx, id, form, me) => {
    const users = (await ctx.as.users.list({ limit: 100 })).items;
    return ctx.as.conversations.comment(id, { authorId: me, text: toMentions(requiredText(form, 'comment'), users) });
  }),
  action('assign', (ctx, id, form, me) => ctx.as.conversations.assign(id, { userId: form.get('userId') || null, by: me })),
  action('close', (ctx, id, _form, me) => ctx.as.conversations.close(id, { by: me })),
  action('reopen', (ctx, id, _form, me) => ctx.as.conversations.reopen(id, { by: me })),
  action('spam', (ctx, id, _form, me) => ctx.as.conversations.markSpam(id, { by: me })),
  action('not-spam', (ctx, id, _form, me) => ctx.as.conversations.notSpam(id, { by: me })),
  action('move', (ctx, id, form, me) => ctx.as.conversations.move(id, { inboxId: form.get('inboxId') ?? '', by: me })),
  action('tag', (ctx, id, form, me) => ctx.as.conversations.tag(id, { tagIds: [form.get('tagId') ?? ''], by: me })),
  action('untag', (ctx, id, form, me) => ctx.as.conversations.untag(id, { tagIds: [form.get('tagId') ?? ''], by: me })),
  action('snooze', (ctx, id, _form, me) => ctx.as.conversations.snooze(id, { until: ctx.desk.now() + DAY, by: me })),
  markUnread,
];
