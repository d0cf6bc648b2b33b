import type { ChannelAdapter } from '../../channels/channel-adapter.js';
import type { Channel } from '../../domain/channel.js';
import type { Inbox } from '../../domain/inbox.js';
import type { InboxKit } from '../../kit/create-inbox-kit.js';
import type { Storage } from '../../storage/storage.js';

/**
 * A customer message the suite asks the driver to push through the adapter's real intake
 * (append it to the IMAP mailbox, POST the form, send it over the chat WebSocket…).
 */
export interface ConformanceInbound {
  /**
   * Unique per message in a test. Derive the channel's own message id from it (email
   * `Message-ID`, chat client message id, form idempotency key) so that pushing the same
   * `key` again is recognised as a redelivery.
   */
  key: string;
  /** The customer; use whichever identity the channel carries (email, visitor id). */
  from: { email: string; name: string; visitorId: string };
  /** Subject, for channels that have one. */
  subject: string;
  /** Body text; the stored message's `text` must contain it. */
  text: string;
}

/** One outgoing message the driver saw arrive at the far end (SMTP peer, WebSocket client…). */
export interface ObservedDelivery {
  /** The delivered body text (the suite looks for its reply text in it). */
  text: string;
  /** The channel's id of the delivered message (email `Message-ID`), if the far end sees one. */
  externalId?: string | null;
}

/** What the driver's hooks receive: the running kit, the connected channel and the adapter. */
export interface ChannelTestContext<F> {
  /** What `driver.setup` returned for this test. */
  fixture: F;
  /** The adapter under test, as `makeAdapter` returned it (call its own helpers here). */
  adapter: ChannelAdapter;
  /** The started kit the adapter runs in. */
  kit: InboxKit;
  /** The test's workspace. */
  workspaceId: string;
  /** The inbox the channel is connected to. */
  inbox: Inbox;
  /** The connected channel (its config is `driver.config(fixture)` after `parseConfig`). */
  channel: Channel;
}

/** A config `parseConfig` must refuse, and the field its `VALIDATION` error must name. */
export interface InvalidConfigCase<F> {
  /** Shown in the test name, e.g. `port is not a number`. */
  title: string;
  /** The bad config. */
  config: (fixture: F) => unknown;
  /**
   * Dotted path the error must name (an issue whose `path` is it, `config.<it>`, or ends with
   * `.<it>`), e.g. `smtp.port`.
   */
  field: string;
}

/** A conformance test the adapter does not pass, skipped on purpose. */
export interface ChannelNamedSkip {
  /** The test id, `<area> > <title>`, e.g. `send > a forced failure is reported as failed`. */
  test: string;
  /** Why the adapter cannot pass it; shown in the test name and listed in the adapter's README. */
  reason: string;
}

/** A store for one test, and how to dispose of it. */
export interface ConformanceStore {
  /** An empty store (core ships none: pass `memoryStorage()` or your own). */
  storage: Storage;
  /** Called after the test, pass or fail. Default: `storage.close()`. */
  cleanup?: () => Promise<void>;
}

/**
 * How one adapter's test tells `runChannelConformance` to drive it. Everything the suite
 * does to the adapter goes through the kit (connect, start, reply) except intake and
 * observation, which only the driver knows how to do for real.
 *
 * @typeParam F - the per-test fixture `setup` returns (a server port, a mailbox, a client).
 */
export interface ChannelConformanceDriver<F = void> {
  /** A fresh, empty store per test (`async () => ({ storage: memoryStorage() })`). */
  createStorage(): Promise<ConformanceStore>;
  /**
   * Per-test setup before the adapter is made (start a peer server, create a mailbox).
   * Its result is the fixture every other hook receives. Default: none.
   */
  setup?(): Promise<F>;
  /** Per-test cleanup after the kit stopped, pass or fail (stop the peer). Default: none. */
  cleanup?(fixture: F): Promise<void>;
  /**
   * A valid channel config. Secrets appear only as references naming keys of `secrets`
   * (`{ smtp: { passwordRef: 'smtp-pass' } }`).
   */
  config(fixture: F): Record<string, unknown>;
  /** Configs `parseConfig` must refuse with `VALIDATION` naming the field. At least one. */
  invalidConfigs: ReadonlyArray<InvalidConfigCase<F>>;
  /**
   * The secret references `config` uses and their values (at least 8 characters, so a leak
   * scan finds them and nothing else). The suite's secrets resolver serves exactly these.
   * The suite also checks that putting a value inline (`password` instead of `passwordRef`)
   * is refused.
   */
  secrets: Readonly<Record<string, string>>;
  /**
   * Pushes a customer message through the adapter's real intake. May resolve before the
   * adapter ingested it (a poller picks it up later): the suite waits for the ingest.
   * Pushing the same `key` again must reach `ingest` again (so it can answer `duplicate`).
   */
  deliver(context: ChannelTestContext<F>, message: ConformanceInbound): Promise<void>;
  /**
   * Everything the far end has received so far in this test. Required when the adapter
   * can send (`capabilities.send`); the suite polls it.
   */
  observeSent?(context: ChannelTestContext<F>): Promise<ObservedDelivery[]>;
  /**
   * Makes the next delivery fail for real (stop the peer, drop the client, refuse the
   * recipient). Required when the adapter can send.
   */
  breakDelivery?(context: ChannelTestContext<F>): Promise<void>;
  /**
   * `false` for an adapter that does not deliver replies itself (`capabilities.send: false`,
   * like forms answered by email): the send area is then one case checking that, instead of
   * cases skipped at run time. Default: the adapter sends.
   */
  send?: boolean;
  /** How long to wait for an ingest or a delivery to show, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Tests to skip, each with its reason. An id that names no test fails the suite. */
  skip?: readonly ChannelNamedSkip[];
}
