import { createInboxKit, memoryBlobs, type Storage, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { emailChannel, type EmailChannel, type EmailChannelOptions } from '../../src/index.js';

/** A started kit with the email adapter (small limits), one inbox with an email and a test channel. */
export async function corpusKit(storage: Storage, options: Pick<EmailChannelOptions, 'subjectThreading'> = {}) {
  const blobs = memoryBlobs();
  const email: EmailChannel = emailChannel({ ...options, limits: { attachmentBytes: 100_000, totalAttachmentBytes: 150_000, attachments: 3 } });
  const test = createTestChannel();
  const clock = manualClock(Date.UTC(2026, 11, 2, 12, 0, 0));
  const kit = createInboxKit({ storage, channels: [email, test], blobs, clock, fallbackEmailDomain: 'in.acme.test' });
  await kit.start();
  const workspace = await kit.workspaces.create({ name: 'Acme' });
  const ws: WorkspaceApi = kit.workspace(workspace.id);
  const agent = await ws.users.create({ name: 'Kari', email: 'kari@acme.test' });
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
  const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'email', name: 'support', config: { address: 'support@acme.test' } });
  const testChannel = await ws.channels.connect({ inboxId: inbox.id, type: 'test', name: 'test' });
  return { kit, email, test, blobs, clock, ws, agent, inbox, channel, testChannel, stop: () => kit.stop() };
}
/** What `corpusKit` returns. */
export type CorpusKit = Awaited<ReturnType<typeof corpusKit>>;
