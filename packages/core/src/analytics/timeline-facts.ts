import type { TimelineItem } from '../domain/timeline.js';

/** One wait: from the incoming message that started it to the user reply that ended it. */
export interface Wait {
  /** The incoming message that started the wait. */
  startedAt: number;
  /** The user reply that ended it. */
  endedAt: number;
  /** The user who replied (`author.id`; `null` only for malformed data). */
  repliedBy: string | null;
  /** The conversation's first wait: its duration is the first response time. */
  first: boolean;
}

/** What the analytics definitions read from one conversation's timeline. */
export interface TimelineFacts {
  /** The first incoming message, or `null`. */
  firstIncomingAt: number | null;
  /** The end of the first wait (first user reply after the first incoming message), or `null`. */
  firstResponseAt: number | null;
  /** Every ended wait, oldest first. A wait still open at the end is not included. */
  waits: Wait[];
  /** Incoming messages. */
  incomingMessages: number;
  /** Outgoing messages written by users. */
  userMessages: number;
  /** Outgoing messages written by bots or the system. */
  botMessages: number;
}

/** How the definitions classify a timeline item. */
export type ItemRole = 'incoming' | 'user-reply' | 'bot' | 'ignored';

/**
 * The role of an item: every incoming message (whoever the author) is `incoming`; an
 * outgoing message is a `user-reply` when a user wrote it, else `bot` (bots, system
 * messages); comments are `ignored` (internal notes never answer the contact).
 */
export function itemRole(item: TimelineItem): ItemRole {
  if (item.kind !== 'message') return 'ignored';
  if (item.direction === 'incoming') return 'incoming';
  return item.author.type === 'user' ? 'user-reply' : 'bot';
}

/**
 * Applies the analytics definitions to one conversation's timeline item by item, given in
 * timeline order (`createdAt`, then id): what `timelineFacts` does in one go, for stores that
 * keep a conversation's facts current as its timeline grows (appending an item is O(1), where
 * recomputing is O(items)). A wait starts at an incoming message when none is running (the
 * first incoming message, or the first after a user reply) and ends at the next user reply.
 * Replies while no wait runs (before any incoming message, or a second reply in a row) end
 * nothing; bot and system messages and comments neither start nor end a wait. SQL stores
 * implement the same rule with window functions (see `definitions.md`).
 */
export class TimelineFactsBuilder {
  /** The facts of the items added so far (updated in place by `add`). */
  readonly facts: TimelineFacts = {
    firstIncomingAt: null,
    firstResponseAt: null,
    waits: [],
    incomingMessages: 0,
    userMessages: 0,
    botMessages: 0,
  };
  private waitingSince: number | null = null;

  /** Adds the next item; it must not sort before any item added earlier. */
  add(item: TimelineItem): void {
    const facts = this.facts;
    const role = itemRole(item);
    if (role === 'incoming') {
      facts.incomingMessages++;
      facts.firstIncomingAt ??= item.createdAt;
      this.waitingSince ??= item.createdAt;
    } else if (role === 'user-reply') {
      facts.userMessages++;
      if (this.waitingSince === null) return;
      const first = facts.waits.length === 0;
      const repliedBy = item.kind === 'message' ? item.author.id : null;
      facts.waits.push({ startedAt: this.waitingSince, endedAt: item.createdAt, repliedBy, first });
      if (first) facts.firstResponseAt = item.createdAt;
      this.waitingSince = null;
    } else if (role === 'bot') {
      facts.botMessages++;
    }
  }
}

/** The facts of one conversation's timeline, given in timeline order (see `TimelineFactsBuilder` for the rule). */
export function timelineFacts(items: Iterable<TimelineItem>): TimelineFacts {
  const builder = new TimelineFactsBuilder();
  for (const item of items) builder.add(item);
  return builder.facts;
}
