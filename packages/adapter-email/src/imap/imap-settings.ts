/** Where one email channel's mailbox lives (from the channel's `imap` config). */
export interface ImapSettings {
  /** IMAP host. */
  host: string;
  /** IMAP port. */
  port: number;
  /** TLS from the first byte (993) rather than plain/STARTTLS. */
  secure: boolean;
  /** Login name. */
  user: string;
  /** Secret reference of the password, resolved at connect time. */
  passwordRef: string;
  /** Mailbox to ingest. */
  mailbox: string;
  /** Set `\Seen` on ingested messages. */
  markSeen: boolean;
  /** Move ingested messages to this mailbox (e.g. `Processed`); `null` leaves them. */
  moveTo: string | null;
}

/** How the IMAP ingestion paces itself (adapter options; defaults suit production). */
export interface ImapTiming {
  /** Sync at least this often even without IDLE notifications (servers without IDLE, lost events). */
  pollIntervalMs: number;
  /** Lease lifetime; the owner renews it every third of this. A crashed owner's mailbox is free after it. */
  leaseTtlMs: number;
  /** Reconnect backoff. */
  backoff: { initialMs: number; maxMs: number };
  /** Messages fetched per FETCH command (they are ingested one by one, in UID order). */
  batchSize: number;
  /** How often the channel list is re-read, to pick up channels connected in other processes. */
  channelRescanMs: number;
}

/** Default pacing. */
export const defaultImapTiming: ImapTiming = {
  pollIntervalMs: 60_000,
  leaseTtlMs: 30_000,
  backoff: { initialMs: 1_000, maxMs: 5 * 60_000 },
  batchSize: 25,
  channelRescanMs: 30_000,
};
