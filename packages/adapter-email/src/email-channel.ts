import { ChannelError, parseInput, silentLogger, type ChannelAdapter, type ChannelContext } from '@inboxkit/core';
import { parseEmailConfig, parseEmailOptions, type EmailChannelOptions } from './config.js';
import { createIntake, type RawSource, type RawTarget, type RawIngestResult } from './intake/raw-intake.js';
import { imapIngestion, type ImapMailboxStatus } from './imap/imap-ingestion.js';
import { imapSettingsOf } from './imap/imap-settings.js';
import { sendRouteFor } from './smtp/route.js';
import { sendReply } from './smtp/smtp-sender.js';
import { fallbackIntake } from './receiver/fallback-intake.js';
import { receiverOptionsSchema, startReceiver, type EmailReceiver, type ReceiverOptions } from './receiver/smtp-receiver.js';

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
  /**
   * The IMAP mailboxes of this process: one entry per active channel with `imap` settings;
   * `owning` tells whether this process holds the mailbox lease (exactly one process across
   * all kits on a store does). For health checks.
   */
  imapStatus(): ImapMailboxStatus[];
  /**
   * Starts an inbound SMTP server for the kit's addresses (inbox fallback addresses
   * `<slug>-<id>@<fallbackEmailDomain>`, channel addresses): point the fallback domain's MX
   * at it. Unknown recipients are refused at RCPT (550), messages above `maxSize` with 552
   * (SIZE is advertised); while the kit is stopped mail is deferred (451), so the sending MTA
   * retries. The host closes it (`receiver.close()`); `kit.stop()` does not.
   */
  receiver(options: ReceiverOptions): Promise<EmailReceiver>;
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
  const imap = imapIngestion({
    timing: settings.imap,
    settingsOf: imapSettingsOf,
    ingestFor: (channel) => (sources) => intake.ingestManyInto(sources, channel),
  });

  return {
    specificationVersion: 'v1',
    type: 'email',
    capabilities: { send: true },
    parseConfig: (config) => parseEmailConfig(config),
    async start(ctx) {
      context = ctx;
      await imap.start(ctx);
    },
    async stop() {
      await imap.stop();
      context = null;
    },
    onConnect: (channel) => imap.onConnect(channel),
    onDisconnect: (channel) => imap.onDisconnect(channel),
    doSend: (request) => sendReply(request, sendRouteFor(request.channel, settings)),
    ingestRaw: (source, target) => intake.ingestRaw(source, target),
    imapStatus: () => imap.status(),
    async receiver(options) {
      const parsed = parseInput(receiverOptionsSchema, options, 'email receiver options');
      const deps = fallbackIntake({ context: requireContext, ingestRaw: (source, target) => intake.ingestRaw(source, target) });
      return startReceiver(parsed, { ...deps, logger: () => context?.logger ?? silentLogger });
    },
  };
}
