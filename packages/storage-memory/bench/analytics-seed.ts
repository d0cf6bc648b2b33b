import type { Conversation, Storage, TimelineItem, User } from '@inboxkit/core';
import { rng } from './seed.js';

/** Shape of the analytics bench's workspace (the same as storage-postgres's analytics bench). */
export const SHAPE = {
  workspaceId: 'ws_analytics',
  conversations: 100_000,
  itemsPerConversation: 10,
  start: Date.UTC(2026, 0, 1),
  span: 365 * 86_400_000,
  agents: 50,
} as const;

const ZONES = ['Europe/Oslo', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'UTC'];
const CHANNELS = ['email', 'chat', 'forms'];
/** After the first (contact) item: 40% contact messages, 40% agent replies, 10% bot messages, 10% comments. */
const KINDS = ['in', 'in', 'in', 'in', 'user', 'user', 'user', 'user', 'bot', 'note'] as const;

function agent(workspaceId: string, i: number): User {
  return {
    id: `user_${i}`, workspaceId, name: `Agent ${i}`, email: `agent${i}@bench.test`, avatarUrl: null, meetingLink: null, role: 'agent',
    availability: 'available', capacity: { default: null, inboxes: {} }, createdAt: 0, updatedAt: 0,
    workingHours: { timeZone: ZONES[i % ZONES.length]!, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), exceptions: [] },
  };
}

function item(c: Conversation, j: number, kind: (typeof KINDS)[number], createdAt: number): TimelineItem {
  const base = { id: `itm_${c.id.slice(5)}_${j}`, workspaceId: c.workspaceId, conversationId: c.id, createdAt };
  if (kind === 'note') return { ...base, kind: 'comment', authorId: 'user_1', text: 'Internal note', mentions: [] };
  const author = kind === 'in' ? { type: 'contact' as const, id: c.contactId } : kind === 'bot' ? { type: 'bot' as const, id: null } : { type: 'user' as const, id: c.assigneeId ?? `user_${(j * 7) % SHAPE.agents}` };
  return {
    ...base, kind: 'message', channelId: c.channelId, direction: kind === 'in' ? 'incoming' : 'outgoing', author,
    text: 'A message body of a typical length for a support request.', visibleText: null, html: null, attachments: [],
    externalId: kind === 'in' ? `<${c.id}.${j}@bench.test>` : null, metadata: {}, deliveryStatus: kind === 'in' ? null : 'sent', deliveryError: null,
  };
}

/**
 * Seeds the workspace through the store's own API (every row validated, copied and indexed as
 * in production): the same shape as the postgres bench, 100k conversations over a year with
 * 10 timeline items each, about an hour apart. Returns the ms it took.
 */
export async function seedAnalytics(storage: Storage): Promise<number> {
  const random = rng(42);
  const { workspaceId, conversations, itemsPerConversation, start, span, agents } = SHAPE;
  const started = performance.now();
  await storage.workspaces.insert({ id: workspaceId, name: 'Analytics', createdAt: 0, updatedAt: 0 });
  for (let i = 0; i < agents; i++) await storage.records.put('user', agent(workspaceId, i));
  for (let g = 1; g <= conversations; g++) {
    const t = start + Math.floor(random() * span);
    const closed = random() < 0.75;
    const conversation: Conversation = {
      id: `conv_${String(g).padStart(7, '0')}`, workspaceId, inboxId: `inbox_${g % 20}`, channelId: `chan_${g % 30}`, channelType: CHANNELS[g % 3]!,
      contactId: `contact_${g % 40_000}`, subject: `Subject ${g}`, status: closed ? 'closed' : 'open', snoozedUntil: null,
      assigneeId: g % 10 < 3 ? null : `user_${g % agents}`, teamId: `team_${g % 10}`, spam: g % 50 === 0, spamAt: g % 50 === 0 ? t : null, tagIds: [], origin: { kind: 'channel', id: null },
      replyToken: `tok${g}`, messageCount: itemsPerConversation, createdAt: t, updatedAt: t, lastMessageAt: t + 10 * 3_600_000,
      firstResponseAt: null, closedAt: closed ? t + Math.floor(random() * 3 * 86_400_000) : null,
    };
    await storage.conversations.insert(conversation);
    for (let j = 0; j < itemsPerConversation; j++) {
      const kind = j === 0 ? 'in' : KINDS[Math.floor(random() * KINDS.length)]!;
      await storage.timeline.insert(item(conversation, j, kind, t + j * 3_600_000 + Math.floor(random() * 3_000_000)));
    }
  }
  return performance.now() - started;
}
