import type { RequestListener } from 'node:http';
import { toNodeHandler, type FormsChannel } from '@inboxkit/adapter-forms';
import type { Form } from '@inboxkit/core';
import { SITE_PAGES, formMarkup, sitePage } from './pages.js';

/** What the demo site shows: the tracking code of the chat channel and which form goes on which page. */
export interface SiteOptions {
  forms: FormsChannel;
  trackingCode: string;
  /** Forms by page path. */
  formsByPage: Record<string, Form[]>;
}

/**
 * The demo website: a few pages on their own origin, each with the chat tracking code (the
 * widget loads from the agent server, cross-origin, like a customer's site), and contact forms
 * posting to `@inboxkit/adapter-forms` mounted on this server.
 */
export function siteApp({ forms, trackingCode, formsByPage }: SiteOptions): RequestListener {
  const handleForms = toNodeHandler(forms.handler);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/forms/')) return handleForms(req, res);
    if (req.method !== 'GET' || !SITE_PAGES[path]) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.all((formsByPage[path] ?? []).map(async (form) => formMarkup(form, await forms.issueToken(form.id)))).then(
      (markup) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(sitePage(path, markup, trackingCode).toString()),
      () => res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable'),
    );
  };
}
