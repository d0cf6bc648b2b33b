import type { WorkspaceApi } from '@inboxkit/core';

/** The workspace's tags, by key: name and colour. */
export const TAGS = {
  billing: { name: 'Billing', color: '#0e9f6e' },
  bug: { name: 'Bug', color: '#dc2626' },
  vip: { name: 'VIP', color: '#7c3aed' },
  wholesale: { name: 'Wholesale', color: '#d97706' },
} as const;

/** A tag of the demo workspace. */
export type TagKey = keyof typeof TAGS;

/** Tag ids by key. */
export type DemoTags = Record<TagKey, string>;

/** Canned replies: `{{variables}}` are filled in per conversation by `snippets.render`. */
const SNIPPETS = [
  { name: 'Thanks', shortcut: 'thanks', body: 'Thanks for reaching out, {{contact.firstName}}! I am looking into it now.\n\n{{agent.name}}, {{inbox.name}}' },
  { name: 'Resolved', shortcut: 'resolved', body: 'Glad we could sort this out, {{contact.firstName}}. Just reply here if anything else comes up.' },
  { name: 'Shipping abroad', shortcut: 'shipping', body: 'We ship to all Nordic countries within 3 working days; shipping is NOK 150 per order.', inbox: 'sales' },
] as const;

/** Creates the tags and snippets; returns tag ids by key. */
export async function seedLibrary(ws: WorkspaceApi, inboxes: { sales: string; support: string }): Promise<DemoTags> {
  const ids = {} as DemoTags;
  for (const [key, tag] of Object.entries(TAGS) as [TagKey, (typeof TAGS)[TagKey]][]) ids[key] = (await ws.tags.create(tag)).id;
  for (const { inbox, ...snippet } of SNIPPETS.map((s) => ({ inbox: undefined, ...s }))) {
    await ws.snippets.create({ ...snippet, inboxId: inbox ? inboxes[inbox] : null });
  }
  return ids;
}

/** The tag ids of an earlier run, by name. */
export async function loadTags(ws: WorkspaceApi): Promise<DemoTags> {
  const tags = (await ws.tags.list({ limit: 100 })).items;
  const ids = {} as DemoTags;
  for (const [key, tag] of Object.entries(TAGS) as [TagKey, (typeof TAGS)[TagKey]][]) {
    const found = tags.find((t) => t.name === tag.name);
    if (!found) throw new Error(`the demo workspace has no tag "${tag.name}" any more`);
    ids[key] = found.id;
  }
  return ids;
}
