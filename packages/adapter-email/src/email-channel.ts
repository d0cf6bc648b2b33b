import { ChannelError, type ChannelAdapter, type ChannelContext } from '@inboxkit/core';
import { parseEmailConfig, parseEmailOptions, type EmailChannelOptions } from './config.js';
import { createIntake, type RawSource, type RawTarget, type RawIngestResult } from './intake/raw-intake.js';

/** The email adapter value: a `ChannelAdapter` of type `email` plus raw MIME intake. */
export interface EmailChannel extends ChannelAdapter {
  readonly type: 'email';
  /**
   * Ingests one raw RFC 5322 message (webhooks, the inbound receiver, IMAP). `source` is a
   * Buffer, string or readable stream; the target is a channel or a recipient address (an
   * inbox's fallback address or a channel's address). Never throws for malformed mail; throws
   * `CHANNEL` before `kit.start()` and `NOT_FOUND` for an unknown channel or recipient.
   */
  ingestRaw(source: RawSource, target: RawTarget): Promise<RawIngestResult>;
}

/**
 * Creates the email channel adapter. Options are validated now (`VALIDATION` naming the
 * field). Pass the value to `createInboxKit({ channels: [email] })`.
 */
export function emailChannel(options: EmailChannelOptions = {}): EmailChannel {
  const settings = parseEmailOptions(options);
  let context: ChannelContext | null = null;
  const requireContext = (): ChannelContext => {
    if (!context) throw new ChannelError('email', 'the kit is not started (call kit.start())');
    return context;
  };
  const intake = createIntake(settings, requireContext);

  return {
    specificationVersion: 'v1',
    type: 'email',
    capabilities: { send: false },
    parseConfig: (config) => parseEmailConfig(config),
    async start(ctx) {
      context = ctx;
    },
    async stop() {
      context = null;
    },
    ingestRaw: (source, target) => intake.ingestRaw(source, target),
  };
}
