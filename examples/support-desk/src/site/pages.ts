import type { Form } from '@inboxkit/core';
import { html, Html, type HtmlValue } from '../ui/html.js';

/** The demo site's pages: path → title and content. The chat widget decides per page which chatflow shows. */
export const SITE_PAGES: Record<string, { title: string; intro: string }> = {
  '/': { title: 'Acme — project tools for small teams', intro: 'Plan, track and ship. The chat bubble in the corner is the "Support chat" chatflow.' },
  '/pricing': { title: 'Pricing', intro: 'Starter NOK 99, Pro NOK 360 per seat and month. On this page the "Pricing questions" chatflow shows, with Kari’s profile.' },
  '/help': { title: 'Help center', intro: 'The "Help center bot" asks for your email and topic, then hands you to Tier 2.' },
  '/contact': { title: 'Contact support', intro: 'Write to Support with the form, or chat with us.' },
  '/checkout': { title: 'Checkout', intro: 'No chat here: the "Support chat" chatflow excludes /checkout.' },
};

/** A form rendered from its definition, with a server-issued fill-time token; it posts to the forms handler. */
export function formMarkup(form: Form, token: string): Html {
  return html`<form class="site-form" method="post" action="/forms/${form.id}/submissions" data-form novalidate>
  <h2>${form.name}</h2>
  <input type="hidden" name="_token" value="${token}">
  ${form.fields.map((field) => {
    const input = field.type === 'textarea' ? html`<textarea name="${field.name}" rows="4"></textarea>` : html`<input name="${field.name}" type="${field.type === 'email' ? 'email' : field.type === 'number' ? 'number' : 'text'}">`;
    return html`<p><label>${field.label ?? field.name}${field.required ? ' *' : ''} ${input}</label> <span class="error" data-error="${field.name}"></span></p>`;
  })}
  <p class="trap" aria-hidden="true"><input name="_website" tabindex="-1" autocomplete="off"></p>
  <button>Send</button> <span role="status"></span>
</form>`;
}

const SCRIPT = Html.trusted(`<script>
for (const form of document.querySelectorAll('[data-form]')) form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = new URLSearchParams(new FormData(form));
  body.set('_pageUrl', location.href);
  body.set('_pageTitle', document.title);
  const response = await fetch(form.action, { method: 'POST', body });
  const result = await response.json();
  for (const el of form.querySelectorAll('[data-error]')) el.textContent = result.error?.fields?.[el.dataset.error] ?? '';
  form.querySelector('[role=status]').textContent = response.ok ? 'Thanks! We will answer by email.' : result.error.message;
  if (response.ok) form.reset();
});
</script>`);

/** A page of the demo site: navigation, content, optional forms, and the chat tracking code. */
export function sitePage(path: string, content: HtmlValue, trackingCode: string): Html {
  const page = SITE_PAGES[path]!;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${page.title} · Acme</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2433}header{background:#14365d;color:#fff;padding:14px 32px;display:flex;gap:20px;align-items:center}header a{color:#d8e6ff;text-decoration:none}header strong{margin-right:auto}main{max-width:720px;margin:32px auto;padding:0 24px}.site-form{border:1px solid #d5dbe5;border-radius:8px;padding:16px 20px;margin:24px 0}.site-form label{display:block;font-weight:600}.site-form input,.site-form textarea{display:block;width:100%;box-sizing:border-box;padding:8px;border:1px solid #c2cad6;border-radius:6px;font:inherit}.error{color:#b3261e}.trap{position:absolute;left:-10000px}button{background:#14365d;color:#fff;border:0;border-radius:6px;padding:8px 16px;font:inherit;cursor:pointer}</style></head>
<body><header><strong>Acme</strong>${Object.entries(SITE_PAGES).map(([href, p]) => html`<a href="${href}">${href === '/' ? 'Home' : p.title}</a>`)}</header>
<main><h1>${page.title}</h1><p>${page.intro}</p>${content}</main>
${SCRIPT}${Html.trusted(trackingCode)}
</body></html>`;
}
