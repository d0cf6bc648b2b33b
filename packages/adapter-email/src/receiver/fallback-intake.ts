import type { Readable } from 'node:stream';
import type { AddressTarget, ChannelContext } from '@inboxkit/core';
import type { RawSource, RawTarget } from '../intake/raw-intake.js';
import type { ReceiverDeps } from './smtp-receiver.js';

/** Reads a stream into one Buffer (only for mail to several of our inboxes at once). */
async function readAll(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * Connects the SMTP receiver to the kit: a recipient is accepted when the address directory
 * knows it (an inbox's fallback address or a channel's address), and DATA goes to the raw
 * intake addressed to that recipient. Mail for one inbox streams straight through; mail for
 * several of our inboxes is read once and ingested into each.
 */
export function fallbackIntake(deps: {
  context: () => ChannelContext;
  ingestRaw: (source: RawSource, target: RawTarget) => Promise<unknown>;
}): Omit<ReceiverDeps, 'logger'> {
  async function resolve(address: string): Promise<AddressTarget | null> {
    return deps.context().resolveAddress(address);
  }
  return {
    accepts: async (address) => (await resolve(address)) !== null,
    async intake(source, recipients) {
      // One delivery per inbox: a message to two addresses of the same inbox lands once.
      const byInbox = new Map<string, string>();
      for (const recipient of recipients) {
        const target = await resolve(recipient);
        if (target) byInbox.set(`${target.workspaceId}/${target.inboxId}`, recipient);
      }
      const targets = [...byInbox.values()];
      if (targets.length <= 1) {
        await deps.ingestRaw(source, { recipient: targets[0] ?? recipients[0] ?? '' });
        return;
      }
      const raw = await readAll(source);
      for (const recipient of targets) await deps.ingestRaw(raw, { recipient });
    },
  };
}
