import { ValidationError } from '@inboxkit/core';
import type { Route } from '../context.js';

const field = (form: URLSearchParams, name: string) => form.get(name)?.trim() || null;

/**
 * "Create contact" for an unknown chat visitor. Core already keeps the anonymous visitor as a
 * contact (a visitor id, nothing else), so creating the record means giving it a name and an
 * email; when that email belongs to a contact the workspace already has, the visitor is merged
 * into it instead, so the sidebar shows that contact's records and previous conversations.
 */
export const contactCreateRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/contacts\/([^/]+)\/create$/,
    async handle(ctx) {
      const [visitorId] = ctx.params as [string];
      const form = await ctx.form();
      const patch = { name: field(form, 'name'), email: field(form, 'email'), phone: field(form, 'phone') };
      if (!patch.name && !patch.email && !patch.phone) throw new ValidationError('contact', [{ path: 'email', message: 'give a name, an email or a phone number' }]);
      const existing = patch.email ? await ctx.as.contacts.findByEmail(patch.email) : null;
      if (existing && existing.id !== visitorId) await ctx.as.contacts.merge(existing.id, visitorId);
      else await ctx.as.contacts.update(visitorId, patch);
      const conversationId = field(form, 'conversationId');
      return { redirect: conversationId ? `/conversations/${encodeURIComponent(conversationId)}` : '/' };
    },
  },
];
