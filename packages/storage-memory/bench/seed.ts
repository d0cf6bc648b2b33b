import type { Conversation, Contact, Storage } from '@inboxkit/core';

/** Deterministic pseudo-random numbers so every run seeds the same data. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Inserts `count` conversations (and a contact per 5) straight into the store, spread over inboxes and agents. */
export async function seedConversations(
  storage: Storage,
  options: { workspaceId: string; channelId: string; inboxIds: string[]; userIds: string[]; count: number; start: number },
): Promise<{ contactIds: string[] }> {
  const random = rng(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const contactIds: string[] = [];
  const pad = (n: number) => n.toString().padStart(8, '0');
  for (let i = 0; i < options.count; i++) {
    if (i % 5 === 0) {
      const contact: Contact = {
        id: `ct_seed${pad(i / 5)}`, workspaceId: options.workspaceId, email: `c${i / 5}@seed.test`, name: null, phone: null,
        visitorIds: [], properties: {}, ownerId: null, createdAt: options.start, updatedAt: options.start,
      };
      await storage.contacts.insert(contact);
      contactIds.push(contact.id);
    }
    const at = options.start + i * 1_000;
    const status = random() < 0.6 ? 'open' : random() < 0.8 ? 'closed' : 'snoozed';
    const conversation: Conversation = {
      id: `conv_seed${pad(i)}`, workspaceId: options.workspaceId, inboxId: pick(options.inboxIds), channelId: options.channelId,
      channelType: 'test', contactId: contactIds.at(-1)!, subject: `Seeded ${i}`, status,
      snoozedUntil: status === 'snoozed' ? at + 86_400_000 : null, assigneeId: random() < 0.3 ? null : pick(options.userIds),
      teamId: null, spam: false, spamAt: null, tagIds: [], origin: { kind: 'channel', id: options.channelId }, replyToken: 'seed', messageCount: 1,
      createdAt: at, updatedAt: at, lastMessageAt: at, firstResponseAt: null, closedAt: status === 'closed' ? at : null,
    };
    await storage.conversations.insert(conversation);
  }
  return { contactIds };
}
