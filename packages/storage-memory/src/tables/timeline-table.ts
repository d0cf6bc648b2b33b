import { TimelineFactsBuilder, itemRole, type Message, type TimelineFacts, type TimelineItem } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import { MultiMap } from '../indexes/multi-map.js';
import { SortedArray } from '../indexes/sorted-array.js';
import { SortedIndex } from '../indexes/sorted-index.js';

/** The fields the timeline order reads; a cursor decodes to one. */
export type TimeKey = Pick<TimelineItem, 'createdAt' | 'id'>;

/** The timeline order: oldest first, `(createdAt asc, id asc)`. */
export function byTime(a: TimeKey, b: TimeKey): number {
  return a.createdAt - b.createdAt || compareStrings(a.id, b.id);
}

type OutboxKey = Pick<Message, 'createdAt' | 'workspaceId' | 'id'>;

function byOutboxOrder(a: OutboxKey, b: OutboxKey): number {
  return byTime(a, b) || compareStrings(a.workspaceId, b.workspaceId);
}

/** An outgoing message written by a user: what `repliesByAgent` counts and what ends a wait. */
function isUserReply(item: TimelineItem): item is Message {
  return itemRole(item) === 'user-reply';
}

function isPending(item: TimelineItem): item is Message {
  return item.kind === 'message' && item.direction === 'outgoing' && item.deliveryStatus === 'pending';
}


class WorkspaceTimeline {
  readonly rows = new Map<string, TimelineItem>();
  /** Per conversation: few rows each, so arrays, not trees. */
  readonly byConversation = new Map<string, SortedArray<TimeKey, TimelineItem>>();
  /** Unique `(channelId, externalId)`: what makes ingest idempotent. A map per channel, so no key string per message. */
  readonly byChannelKey = new Map<string, Map<string, Message>>();
  /** `externalId` in any channel (email threading looks references up without a channel). */
  readonly byExternalId = new MultiMap<string, Message>();
  /** Users' outgoing messages in timeline order (analytics windows). */
  readonly userReplies = new SortedIndex<TimeKey, Message>(byTime);
  /**
   * Per conversation, the analytics facts of its timeline (waits, first response), so reports
   * read them instead of walking every timeline. Kept current in the same `replace` that
   * writes the rows, so a rollback (which replays `replace`) restores them too; `null` after
   * a removal, rebuilt when next read or written.
   */
  readonly facts = new Map<string, TimelineFactsBuilder | null>();

  add(item: TimelineItem): void {
    this.rows.set(item.id, item);
    let conversation = this.byConversation.get(item.conversationId);
    if (!conversation) this.byConversation.set(item.conversationId, (conversation = new SortedArray(byTime)));
    conversation.add(item);
    this.factsAdded(conversation, item);
    if (isUserReply(item)) this.userReplies.add(item);
    if (item.kind !== 'message' || item.externalId === null) return;
    let channel = this.byChannelKey.get(item.channelId);
    if (!channel) this.byChannelKey.set(item.channelId, (channel = new Map()));
    channel.set(item.externalId, item);
    this.byExternalId.add(item.externalId, item);
  }

  remove(item: TimelineItem): void {
    this.rows.delete(item.id);
    const conversation = this.byConversation.get(item.conversationId);
    if (conversation?.remove(item)) {
      if (conversation.size > 0) this.facts.set(item.conversationId, null);
      else {
        this.byConversation.delete(item.conversationId);
        this.facts.delete(item.conversationId);
      }
    }
    if (isUserReply(item)) this.userReplies.remove(item);
    if (item.kind !== 'message' || item.externalId === null) return;
    const channel = this.byChannelKey.get(item.channelId);
    if (channel?.delete(item.externalId) && channel.size === 0) this.byChannelKey.delete(item.channelId);
    this.byExternalId.remove(item.externalId, item);
  }

  /** The current facts of a conversation's timeline, rebuilt first when a removal left them stale. */
  factsOf(conversationId: string): TimelineFacts | undefined {
    const builder = this.facts.get(conversationId);
    if (builder !== null) return builder?.facts;
    return this.rebuild(conversationId, this.byConversation.get(conversationId)!.rows()).facts;
  }

  /**
   * Appending in timeline order (what ingest does) extends the facts in O(1); an item that
   * lands earlier, or any write after a removal (an update is a removal, then an add),
   * rebuilds them from the conversation's rows.
   */
  private factsAdded(conversation: SortedArray<TimeKey, TimelineItem>, item: TimelineItem): void {
    const rows = conversation.rows();
    const builder = this.facts.get(item.conversationId);
    if (builder && rows[rows.length - 1] === item) builder.add(item);
    else this.rebuild(item.conversationId, rows);
  }

  private rebuild(conversationId: string, rows: readonly TimelineItem[]): TimelineFactsBuilder {
    const builder = new TimelineFactsBuilder();
    for (const row of rows) builder.add(row);
    this.facts.set(conversationId, builder);
    return builder;
  }
}

/**
 * Every message and comment, per workspace: by id, per conversation in timeline order,
 * by channel id (unique) and by external id; plus one global outbox index of pending
 * outgoing messages, oldest first. `replace` is the only write.
 */
export class TimelineTable {
  private readonly workspaces = new Map<string, WorkspaceTimeline>();
  private readonly outbox = new SortedIndex<OutboxKey, Message>(byOutboxOrder);

  /** `onReplace` hears every row change (the search index follows the rows through it). */
  constructor(private readonly onReplace?: (previous: TimelineItem | undefined, next: TimelineItem | undefined) => void) {}

  /** The stored item, or `undefined`. */
  get(workspaceId: string, id: string): TimelineItem | undefined {
    return this.workspaces.get(workspaceId)?.rows.get(id);
  }

  /** A conversation's items in timeline order, strictly after `after` when given. */
  conversation(workspaceId: string, conversationId: string, after?: TimeKey): Iterable<TimelineItem> {
    return this.workspaces.get(workspaceId)?.byConversation.get(conversationId)?.scan(after) ?? [];
  }

  /** All of a conversation's items in timeline order (the stored rows: never mutate them). */
  conversationItems(workspaceId: string, conversationId: string): readonly TimelineItem[] {
    return this.workspaces.get(workspaceId)?.byConversation.get(conversationId)?.rows() ?? [];
  }

  /**
   * The analytics facts of a conversation's timeline (`timelineFacts` of its items), kept
   * current on every write; `undefined` when it has no items. The stored object: never mutate it.
   */
  conversationFacts(workspaceId: string, conversationId: string): TimelineFacts | undefined {
    return this.workspaces.get(workspaceId)?.factsOf(conversationId);
  }

  /**
   * About how many user replies were created in `[from, to)`, assuming they spread evenly
   * between the first and the last: O(log n), to choose how a report finds its rows.
   */
  estimateUserReplies(workspaceId: string, from: number, to: number): number {
    const replies = this.workspaces.get(workspaceId)?.userReplies;
    const first = replies?.first();
    const last = replies?.last();
    if (!replies || !first || !last) return 0;
    const overlap = Math.min(to, last.createdAt + 1) - Math.max(from, first.createdAt);
    return overlap <= 0 ? 0 : (replies.size * overlap) / (last.createdAt + 1 - first.createdAt);
  }

  /** Users' outgoing messages created in `[from, to)`, oldest first. */
  *userRepliesBetween(workspaceId: string, from: number, to: number): Generator<Message, void, undefined> {
    const replies = this.workspaces.get(workspaceId)?.userReplies;
    if (!replies) return;
    for (const message of replies.scan({ createdAt: from, id: '' })) {
      if (message.createdAt >= to) return;
      yield message;
    }
  }

  /** The message with this channel id, or `undefined`. */
  byChannelId(workspaceId: string, channelId: string, externalId: string): Message | undefined {
    return this.workspaces.get(workspaceId)?.byChannelKey.get(channelId)?.get(externalId);
  }

  /** Messages with this external id in any channel. */
  byExternalId(workspaceId: string, externalId: string): Iterable<Message> {
    return this.workspaces.get(workspaceId)?.byExternalId.get(externalId) ?? [];
  }

  /**
   * Stores `next` as the item `(workspaceId, id)`, or removes it when `next` is
   * `undefined`, repositioning it in every index. Returns the item it replaced.
   */
  replace(workspaceId: string, id: string, next: TimelineItem | undefined): TimelineItem | undefined {
    const workspace = this.workspaces.get(workspaceId);
    const previous = workspace?.rows.get(id);
    if (workspace && previous) {
      workspace.remove(previous);
      if (isPending(previous)) this.outbox.remove(previous);
    }
    if (next) this.place(next);
    this.onReplace?.(previous, next);
    return previous;
  }

  /** Stores an item the table does not hold yet (`replace` without the search for one to take out). */
  insert(item: TimelineItem): void {
    this.place(item);
    this.onReplace?.(undefined, item);
  }

  private place(item: TimelineItem): void {
    const workspace = this.workspaces.get(item.workspaceId) ?? this.addWorkspace(item.workspaceId);
    workspace.add(item);
    if (isPending(item)) this.outbox.add(item);
  }

  /** Pending outgoing messages created before `before`, oldest first. */
  *pendingBefore(before: number): Generator<Message, void, undefined> {
    for (const message of this.outbox.scan()) {
      if (message.createdAt >= before) return;
      yield message;
    }
  }

  private addWorkspace(workspaceId: string): WorkspaceTimeline {
    const workspace = new WorkspaceTimeline();
    this.workspaces.set(workspaceId, workspace);
    return workspace;
  }
}
