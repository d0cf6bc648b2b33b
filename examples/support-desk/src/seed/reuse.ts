import type { InboxKit, WorkspaceApi } from '@inboxkit/core';
import { loadTags } from './library.js';
import { AGENTS, type DemoOrg } from './org.js';

/** The demo workspace's name: how a restart on Postgres finds the workspace an earlier run seeded. */
export const DEMO_WORKSPACE = 'Acme (support-desk demo)';

async function byName<T extends { name: string }>(page: Promise<{ items: T[] }>, name: string): Promise<T> {
  const found = (await page).items.find((item) => item.name === name);
  if (!found) throw new Error(`the demo workspace has no "${name}" any more; drop its database or use another one`);
  return found;
}

/** The newest demo workspace an earlier run left in the store, or `null`. */
export async function findDemoWorkspace(kit: InboxKit): Promise<string | null> {
  let newest: string | null = null;
  for (let cursor: string | null = null; ; ) {
    const page = await kit.workspaces.list({ cursor, limit: 100 });
    for (const workspace of page.items) if (workspace.name === DEMO_WORKSPACE) newest = workspace.id;
    if (!page.nextCursor) return newest;
    cursor = page.nextCursor;
  }
}

/**
 * Finds the organisation `seedOrg` created, by its names, and points the chat channel's
 * allowlist at this run's site origins (the ports may have changed since).
 */
export async function loadOrg(ws: WorkspaceApi, siteOrigins: string[]): Promise<DemoOrg> {
  const users = (await ws.users.list({ limit: 100 })).items;
  const user = (email: string) => {
    const found = users.find((u) => u.email === email);
    if (!found) throw new Error(`the demo workspace has no user ${email} any more`);
    return found;
  };
  const teams = ws.teams.list({ limit: 100 });
  const [sales, support] = await Promise.all(['Sales', 'Support'].map((name) => byName(ws.inboxes.list({ limit: 100 }), name)));
  const chat = await byName(ws.channels.list({ inboxId: support!.id, limit: 100 }), 'Website chat');
  await ws.channels.update(chat.id, { config: { ...chat.config, allowedOrigins: siteOrigins } });
  const chatflows = ws.chatflows.list({ channelId: chat.id, limit: 100 });
  const forms = ws.forms.list({ limit: 100 });
  return {
    users: { kari: user(AGENTS.kari.email), ola: user(AGENTS.ola.email), ingrid: user(AGENTS.ingrid.email), lars: user(AGENTS.lars.email), sofie: user(AGENTS.sofie.email) },
    teams: { support: (await byName(teams, 'Support')).id, tier2: (await byName(teams, 'Tier 2')).id, sales: (await byName(teams, 'Sales')).id },
    inboxes: { sales: sales!, support: support! },
    chatChannelId: chat.id,
    chatflows: {
      pricing: (await byName(chatflows, 'Pricing questions')).id,
      helpBot: (await byName(chatflows, 'Help center bot')).id,
      support: (await byName(chatflows, 'Support chat')).id,
    },
    forms: { contact: await byName(forms, 'Contact support'), quote: await byName(forms, 'Request a quote') },
    tags: await loadTags(ws),
  };
}
