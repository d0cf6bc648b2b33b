import type { Html } from '../ui/html.js';
import { layout, type Section } from '../ui/layout.js';
import type { PageContext, PageResult } from './context.js';

/** Renders a page inside the shell, with the inboxes the signed-in agent may see. */
export async function shell(ctx: PageContext, page: { title: string; section: Section; inboxId?: string | null; body: Html; status?: number }): Promise<PageResult> {
  const inboxes = ctx.user ? (await ctx.as.inboxes.list({ limit: 100 })).items : [];
  return {
    status: page.status,
    html: layout({
      title: page.title,
      user: ctx.user,
      inboxes,
      currentInboxId: page.inboxId,
      section: page.section,
      siteUrl: ctx.desk.links.site,
      unread: ctx.user ? ctx.desk.notifications.unread(ctx.user.id) : 0,
      body: page.body,
    }),
  };
}

/** Names of the workspace's users by id (for assignees, authors and mentions). */
export async function userNames(ctx: PageContext): Promise<Map<string, string>> {
  const users = (await ctx.as.users.list({ limit: 100 })).items;
  return new Map(users.map((u) => [u.id, u.name]));
}
