import type { BotPerformance, ConversationExportRow, WorkspaceApi } from '@inboxkit/core';
import { barChart } from '../../ui/charts/bar-chart.js';
import { columnChart } from '../../ui/charts/column-chart.js';
import { duration } from '../../ui/format.js';
import { html, type Html } from '../../ui/html.js';
import type { PageContext, Route } from '../context.js';
import { shell, userNames } from '../shell.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Buckets of the first-response-time distribution (upper bounds, ms). */
export const RESPONSE_BUCKETS: Array<{ label: string; below: number }> = [
  { label: '< 5 min', below: 5 * MINUTE },
  { label: '5–15 min', below: 15 * MINUTE },
  { label: '15–60 min', below: 60 * MINUTE },
  { label: '1–4 h', below: 4 * 60 * MINUTE },
  { label: '4–24 h', below: DAY },
  { label: '> 1 day', below: Infinity },
];

/** How many conversations got their first response within each bucket (unanswered ones are not counted). */
export function responseHistogram(rows: Pick<ConversationExportRow, 'firstIncomingAt' | 'firstResponseAt'>[]): number[] {
  const counts = RESPONSE_BUCKETS.map(() => 0);
  for (const row of rows) {
    if (row.firstIncomingAt === null || row.firstResponseAt === null) continue;
    const wait = row.firstResponseAt - row.firstIncomingAt;
    counts[RESPONSE_BUCKETS.findIndex((b) => wait < b.below)]! += 1;
  }
  return counts;
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function botFunnels(as: WorkspaceApi, bots: BotPerformance[]): Promise<Html> {
  if (bots.length === 0) return html`<p class="empty">No bot sessions in this period.</p>`;
  const chatflows = await Promise.all(bots.map((b) => as.chatflows.get(b.chatflowId).catch(() => null)));
  const names = chatflows.map((c, i) => c?.name ?? bots[i]!.chatflowId);
  // Steps in the bot's own order, so the bars read as a funnel.
  const order = (i: number, stepId: string) => chatflows[i]?.bot?.steps.findIndex((s) => s.id === stepId) ?? 0;
  return html`${bots.map((bot, i) => html`<h3>${names[i]}</h3>
<p class="hint">${bot.sessions} sessions · ${bot.handedOff} handed off · ${bot.completed} completed · ${bot.abandoned} abandoned · ${bot.waiting} waiting</p>
${barChart({ title: `Bot funnel: ${names[i]}`, tone: 'tone-3', width: 1000, bars: [...bot.steps].sort((a, b) => order(i, a.stepId) - order(i, b.stepId)).map((s) => ({ label: s.stepId, value: s.reached, note: `${s.reached} reached · ${s.droppedOff} dropped` })) })}`)}`;
}

async function analyticsPage(ctx: PageContext) {
  const inboxId = ctx.url.searchParams.get('inboxId') || undefined;
  const to = ctx.desk.now() + MINUTE;
  const from = to - 14 * DAY;
  const window = { from, to, ...(inboxId ? { inboxId } : {}) };
  const { analytics } = ctx.as;
  const [replies, times, volume, bots, rows, names, inboxes] = await Promise.all([
    analytics.repliesByAgent(window),
    analytics.responseTimes({ ...window, groupBy: 'agent' }),
    analytics.volume({ ...window, interval: 'day', timeZone: 'UTC' }),
    analytics.botPerformance({ from, to, ...(inboxId ? { inboxId } : {}) }),
    collect(analytics.exportConversations(window)),
    userNames(ctx),
    ctx.as.inboxes.list({ limit: 100 }),
  ]);
  const day = (ms: number) => new Date(ms).toISOString().slice(5, 10);
  const body = html`<section class="analytics">
<header class="page-head"><h1>Analytics <small>last 14 days</small></h1>
<form method="get" class="inline"><label>Inbox <select name="inboxId" onchange="this.form.submit()"><option value="">All inboxes</option>${inboxes.items.map((i) => html`<option value="${i.id}"${i.id === inboxId ? html` selected` : ''}>${i.name}</option>`)}</select></label><noscript><button>Show</button></noscript></form></header>
<div class="grid">
<section class="card"><h2>Replies by agent</h2><p class="hint">Who answers the most: conversations replied to.</p>
${barChart({ title: 'Replies by agent', bars: replies.items.map((r) => ({ label: names.get(r.userId) ?? r.userId, value: r.conversationsReplied, note: `${r.conversationsReplied} conv. · ${r.messagesSent} msgs` })) })}</section>
<section class="card"><h2>First response time</h2><p class="hint">Conversations by how long the first reply took.</p>
${columnChart({ title: 'First response time distribution', categories: RESPONSE_BUCKETS.map((b) => b.label), series: [{ name: 'Conversations', values: responseHistogram(rows), tone: 'tone-2' }] })}
<table><thead><tr><th>Agent</th><th>First response (median / p90)</th><th>Response (median)</th><th>Time to close (median)</th></tr></thead><tbody>
${times.items.map((t) => html`<tr><td>${t.key ? (names.get(t.key) ?? t.key) : 'Unassigned'}</td><td>${duration(t.firstResponse.median)} / ${duration(t.firstResponse.p90)}</td><td>${duration(t.response.median)}</td><td>${duration(t.timeToClose.median)}</td></tr>`)}
</tbody></table></section>
<section class="card wide"><h2>Volume</h2><p class="hint">Conversations created and closed per day (UTC).</p>
${columnChart({ title: 'Conversation volume per day', width: 1000, categories: volume.items.map((b) => day(b.start)), series: [{ name: 'Created', values: volume.items.map((b) => b.created), tone: 'tone-1' }, { name: 'Closed', values: volume.items.map((b) => b.closed), tone: 'tone-4' }] })}</section>
<section class="card wide"><h2>Bot performance</h2>${await botFunnels(ctx.as, bots.items)}</section>
</div></section>`;
  return shell(ctx, { title: 'Analytics', section: 'analytics', body });
}

/** `/analytics`: replies by agent, the response-time distribution, volume over time and bot funnels, drawn as SVG on the server. */
export const analyticsRoutes: Route[] = [{ method: 'GET', path: /^\/analytics$/, handle: analyticsPage }];
