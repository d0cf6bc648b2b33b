/** A kit wired for the email suites: secrets vault, captured logs, one workspace with an agent and an inbox. */
import { createInboxKit, type ChannelAdapter, type InboxKit, type Logger, type Storage } from '@inboxkit/core';

/** Fast IMAP pacing so restarts and lease hand-overs happen within a test's time. */
export const fastImap = { pollIntervalMs: 2_000, leaseTtlMs: 1_000, backoff: { initialMs: 50, maxMs: 400 }, batchSize: 7, channelRescanMs: 500 };

/** Every log line, to assert on (and to check no secret leaked). */
export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export function captureLogger(lines: LogLine[]): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push({ level, message, fields });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export function makeKit(storage: Storage, adapter: ChannelAdapter, vault: Record<string, string>, logs: LogLine[]): InboxKit {
  return createInboxKit({
    storage,
    channels: [adapter],
    logger: captureLogger(logs),
    fallbackEmailDomain: 'in.inboxkit.test',
    secrets: {
      resolve: async (ref) => {
        const value = vault[ref];
        if (value === undefined) throw new Error(`unknown secret ${ref}`);
        return value;
      },
    },
  });
}

/** A workspace with an admin agent and an inbox. */
export async function seedWorkspace(kit: InboxKit) {
  const workspace = await kit.workspaces.create({ name: 'Acme' });
  const ws = kit.workspace(workspace.id);
  const agent = await ws.users.create({ name: 'Kari Nordmann', email: 'kari@acme.test', role: 'admin' });
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id], teams: [] } });
  return { workspace, ws, agent, inbox };
}

/** Every incoming message of a workspace (all conversations), for exactly-once checks. */
export async function incomingMessages(kit: InboxKit, workspaceId: string) {
  const ws = kit.workspace(workspaceId);
  const out: { conversationId: string; text: string; externalId: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const page = await ws.conversations.list({ cursor, limit: 200 });
    for (const conversation of page.items) {
      let tcursor: string | null = null;
      do {
        const timeline = await ws.conversations.timeline(conversation.id, { cursor: tcursor, limit: 200 });
        for (const item of timeline.items) {
          if (item.kind === 'message' && item.direction === 'incoming') out.push({ conversationId: conversation.id, text: item.text, externalId: item.externalId });
        }
        tcursor = timeline.nextCursor;
      } while (tcursor);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Polls `check` until it returns true (real servers deliver asynchronously). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}
