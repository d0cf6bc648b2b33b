import { compileTargeting, type Chatflow, type CompiledCondition, type MatchExplanation } from '@inboxkit/core';
import { html, type Html } from '../../ui/html.js';
import type { PageContext, Route } from '../context.js';
import { shell } from '../shell.js';

const groups = (list: CompiledCondition[][], none: string) =>
  list.length === 0 ? html`<em>${none}</em>` : html`${list.map((group, g) => html`${g > 0 ? html`<span class="or">or</span>` : ''}<span class="group">${group.map((c, i) => html`${i > 0 ? ' and ' : ''}<code>${c.description}</code>`)}</span>`)}`;

function chatflowTable(chatflows: Chatflow[]): Html {
  // Compiled once here only for the words of each condition (`description`); matching is core's.
  const compiled = compileTargeting(chatflows).chatflows;
  return html`<table class="chatflows"><thead><tr><th>Priority</th><th>Chatflow</th><th>Shows when</th><th>Unless</th><th>Welcome message</th></tr></thead><tbody>
${compiled.map(({ chatflow, written }) => html`<tr${chatflow.enabled ? '' : html` class="disabled"`}><td>${chatflow.priority}</td><td><strong>${chatflow.name}</strong><br><span class="badge">${chatflow.type}</span>${chatflow.enabled ? '' : html` <span class="badge">disabled</span>`}</td>
<td>${groups(written.include, 'every page')}</td><td>${groups(written.exclude, '—')}</td><td>${chatflow.welcomeMessage ?? '—'}</td></tr>`)}
</tbody></table>`;
}

function explanationView(url: string, explanation: MatchExplanation): Html {
  const { winner } = explanation;
  return html`<section class="card explain" aria-live="polite"><h2>On <code>${url}</code></h2>
${winner ? html`<p class="verdict ok"><strong>${winner.name}</strong> shows${winner.group === null ? ' (it has no include rules: every page)' : html` (include group ${winner.group} matched)`}.</p>` : html`<p class="verdict none">No chatflow shows.</p>`}
${winner && winner.checks.length ? html`<table><thead><tr><th>Condition</th><th>Value seen</th><th></th></tr></thead><tbody>${winner.checks.map((c) => html`<tr><td><code>${c.condition}</code></td><td>${c.actual ?? 'absent'}</td><td>${c.matched ? '✔' : '✘'}</td></tr>`)}</tbody></table>` : ''}
<pre class="explanation">${explanation.text}</pre></section>`;
}

async function chatflowsPage(ctx: PageContext) {
  const channels = (await ctx.as.channels.list({ limit: 100 })).items.filter((c) => c.type === 'chat');
  const channelId = ctx.url.searchParams.get('channelId') || channels[0]?.id;
  const url = ctx.url.searchParams.get('url')?.trim() || `${ctx.desk.links.site}/pricing`;
  const sections = await Promise.all(
    channels.map(async (channel) => html`<section class="card wide"><h2>${channel.name} <small>chat channel</small></h2>${chatflowTable((await ctx.as.chatflows.list({ channelId: channel.id, limit: 100 })).items)}</section>`),
  );
  const match = channelId && ctx.url.searchParams.has('url') ? await ctx.as.chatflows.match({ channelId, url }) : null;
  const body = html`<section class="chatflows-page">
<header class="page-head"><h1>Chatflows</h1></header>
${sections}
<section class="card wide"><h2>Which chatflow shows on a page?</h2>
<form method="get" class="inline explain-form">
  ${channels.length > 1 ? html`<label>Channel <select name="channelId">${channels.map((c) => html`<option value="${c.id}"${c.id === channelId ? html` selected` : ''}>${c.name}</option>`)}</select></label>` : html`<input type="hidden" name="channelId" value="${channelId ?? ''}">`}
  <label>Page URL <input name="url" type="url" size="50" value="${url}" required></label>
  <button class="primary">Explain</button>
</form>
${match ? explanationView(url, match.explanation) : ''}</section>
</section>`;
  return shell(ctx, { title: 'Chatflows', section: 'chatflows', body });
}

/** `/chatflows`: every chat channel's chatflows with their targeting rules in words, and the explain view of `chatflows.match`. */
export const chatflowRoutes: Route[] = [{ method: 'GET', path: /^\/chatflows$/, handle: chatflowsPage }];
