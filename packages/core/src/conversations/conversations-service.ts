import type { Page } from '../domain/common.js';
import {
  byInput,
  listConversationsInput,
  snoozeInput,
  type ByInput,
  type Conversation,
  type ConversationStatus,
  type ListConversationsInput,
  type SnoozeInput,
  type AssignInput,
  type MoveInput,
} from '../domain/conversation.js';
import { timelineQuery, type Comment, type CommentInput, type Message, type ReplyInput, type TimelineItem, type TimelineQuery } from '../domain/timeline.js';
import { parseInput } from '../errors/parse.js';
import { ValidationError } from '../errors/validation-error.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { ConversationSearchHit, SearchConversationsInput } from '../domain/search.js';
import { assign } from './assign.js';
import { storeFilter } from './list-filter.js';
import { searchConversations } from './search.js';
import { comment } from './comment.js';
import { move } from './move.js';
import { listFollowers, setFollowing, type FollowInput } from './followers.js';
import { readState, readStates, setRead, unreadCounts, type ReaderInput, type UnreadCounts, type UnreadCountsInput } from './read-state.js';
import type { ReadStatus } from '../storage/read-store.js';
import { reply } from './reply.js';
import { markSpam, notSpam } from './spam.js';
import { changeTags } from './tag.js';
import type { TagConversationInput } from '../tags/tag.js';
import { actorOf, changeStatus } from './status.js';

/** Conversations: listing, reading, replying, commenting, assigning, status changes, spam and moves. */
export interface ConversationsApi {
  /** Conversations newest activity first, filtered; keyset cursors. Agents see their inboxes only. */
  list(query?: ListConversationsInput): Promise<Page<Conversation>>;
  /**
   * Full-text search over subjects, messages, comments and contact names and emails, best
   * match first, with the filters of `list` (see `SearchStore` for what is indexed). Accents
   * and case are folded (`muller` finds `Müller`); the last word matches as a prefix. Agents
   * find only conversations of their inboxes. `UNSUPPORTED` without a search-capable store.
   */
  search(query: SearchConversationsInput): Promise<Page<ConversationSearchHit>>;
  /** The conversation; `NOT_FOUND` when missing or not visible. */
  get(id: string): Promise<Conversation>;
  /** Messages and comments, oldest first. */
  timeline(id: string, query?: TimelineQuery): Promise<Page<TimelineItem>>;
  /** Sends a reply through the conversation's channel; resolves once delivered (`sent`) or `failed`. */
  reply(id: string, input: ReplyInput): Promise<Message>;
  /** Adds an internal note; `@[userId]` mentions notify. */
  comment(id: string, input: CommentInput): Promise<Comment>;
  /** Assigns to a user and/or team. */
  assign(id: string, input: AssignInput): Promise<Conversation>;
  /** Closes the conversation. Idempotent. */
  close(id: string, input?: ByInput): Promise<Conversation>;
  /** Reopens the conversation. Idempotent. */
  reopen(id: string, input?: ByInput): Promise<Conversation>;
  /** Snoozes until a time; it reopens by itself then (or when the contact writes). */
  snooze(id: string, input: SnoozeInput): Promise<Conversation>;
  /**
   * Marks the conversation as spam: it leaves the inbox views (`list({ spam: true })` shows
   * it), keeps its assignee, team and status, is never announced, and is purged with its
   * timeline once the spam retention passes (`InboxKitOptions.spamRetentionDays`). Records
   * `conversation.spam.marked`. Idempotent. `NOT_FOUND` when not visible.
   */
  markSpam(id: string, input?: ByInput): Promise<Conversation>;
  /**
   * Makes a spam conversation (a filter's or a user's) a normal one again: back in the views,
   * routed when it has no assignee, announced like a new conversation
   * (`conversation.released`). Idempotent. `NOT_FOUND` when not visible.
   */
  notSpam(id: string, input?: ByInput): Promise<Conversation>;
  /**
   * Moves the conversation to another inbox of the workspace; it keeps its channel, so replies
   * still go out through it. The caller must see both inboxes (`NOT_FOUND` otherwise, also for
   * an unknown inbox). The assignee is cleared when they cannot see the new inbox, and the
   * new inbox's routing may then assign it. Records `conversation.moved`. Moving to its own
   * inbox changes nothing.
   */
  move(id: string, input: MoveInput): Promise<Conversation>;
  /**
   * Marks the conversation read for a user (under `asUser` the acting user; the host passes
   * `userId`). It becomes unread again when a new incoming message arrives; comments and
   * replies never make it unread (mentions notify instead). Needs store capability `reads`.
   */
  markRead(id: string, input?: ReaderInput): Promise<ReadStatus>;
  /** Marks the conversation unread for a user until they read it again (`markRead`). */
  markUnread(id: string, input?: ReaderInput): Promise<ReadStatus>;
  /** Whether the conversation is unread for a user. */
  readState(id: string, input?: ReaderInput): Promise<ReadStatus>;
  /** The unread flags of many conversations at once (a list page, at most 500 ids); ones the user cannot see are left out. */
  readStates(ids: readonly string[], input?: ReaderInput): Promise<ReadStatus[]>;
  /**
   * Unread open conversations for a user per view (`unassigned`, `mine`, `open`, and per
   * inbox), within the inboxes they can see; counted by the store.
   */
  unreadCounts(input?: UnreadCountsInput): Promise<UnreadCounts>;
  /**
   * Adds a follower: they are notified of new messages, comments and status changes without
   * being assigned, for as long as they can see the inbox. Returns the followers. Needs store
   * capability `followers`. Repliers, commenters and mentioned users follow automatically.
   */
  follow(id: string, input?: FollowInput): Promise<string[]>;
  /** Removes a follower. Returns the followers. Idempotent. */
  unfollow(id: string, input?: FollowInput): Promise<string[]>;
  /** The followers' user ids, ordered by id. */
  followers(id: string): Promise<string[]>;
  /**
   * Adds tags (ids of `ws.tags`). Idempotent: ids it already carries change nothing; a change
   * records one `conversation.tagged` with the added ids. `VALIDATION` naming `tagIds[i]` for an
   * unknown tag; `NOT_FOUND` when the conversation is not visible.
   */
  tag(id: string, input: TagConversationInput): Promise<Conversation>;
  /** Removes tags; the mirror of `tag` (`conversation.untagged` with the removed ids). */
  untag(id: string, input: TagConversationInput): Promise<Conversation>;
}

/** Builds the conversations API of a scope. */
export function conversationsService(scope: Scope): ConversationsApi {
  const { workspaceId, runtime } = scope;

  async function visible(id: string): Promise<Conversation> {
    const conversation = requireFound(await scope.storage.conversations.get(workspaceId, id), 'conversation', id);
    await scope.access.requireInbox(conversation.inboxId, 'conversation', id);
    return conversation;
  }

  async function setStatus(id: string, status: ConversationStatus, passedBy: string | null | undefined, snoozedUntil?: number) {
    return scope.mutate(async (tx, events) => {
      const by = await scope.access.by(passedBy, status === 'open' ? 'reopen' : status === 'closed' ? 'close' : 'snooze', tx);
      const current = requireFound(await tx.conversations.get(workspaceId, id, { lock: true }), 'conversation', id);
      await scope.access.requireInbox(current.inboxId, 'conversation', id, tx);
      const next = changeStatus(current, status, { now: runtime.clock.now(), by: actorOf(by), snoozedUntil }, events);
      if (next !== current) await tx.conversations.update(next);
      return next;
    });
  }

  return {
    async list(query = {}) {
      const q = parseInput(listConversationsInput, query, 'conversation query');
      return scope.storage.conversations.list(workspaceId, {
        ...(await storeFilter(scope, q)),
        cursor: q.cursor ?? null,
        limit: q.limit,
      });
    },
    search: (query) => searchConversations(scope, query),
    get: visible,
    async timeline(id, query = {}) {
      const { cursor, limit } = parseInput(timelineQuery, query, 'timeline query');
      await visible(id);
      return scope.storage.timeline.list(workspaceId, id, { cursor: cursor ?? null, limit });
    },
    reply: (id, input) => reply(scope, id, input),
    comment: (id, input) => comment(scope, id, input),
    assign: (id, input) => assign(scope, id, input),
    markSpam: (id, input) => markSpam(scope, id, input),
    notSpam: (id, input) => notSpam(scope, id, input),
    move: (id, input) => move(scope, id, input),
    tag: (id, input) => changeTags(scope, id, input, 'tag'),
    untag: (id, input) => changeTags(scope, id, input, 'untag'),
    async close(id, input) {
      const { by } = parseInput(byInput, input, 'close');
      return setStatus(id, 'closed', by);
    },
    async reopen(id, input) {
      const { by } = parseInput(byInput, input, 'reopen');
      return setStatus(id, 'open', by);
    },
    markRead: (id, input) => setRead(scope, id, input, true),
    markUnread: (id, input) => setRead(scope, id, input, false),
    readState: (id, input) => readState(scope, id, input),
    readStates: (ids, input) => readStates(scope, ids, input),
    unreadCounts: (input) => unreadCounts(scope, input),
    follow: (id, input) => setFollowing(scope, id, input, true),
    unfollow: (id, input) => setFollowing(scope, id, input, false),
    followers: (id) => listFollowers(scope, id),
    async snooze(id, input) {
      const { until, by } = parseInput(snoozeInput, input, 'snooze');
      if (until <= runtime.clock.now()) {
        throw new ValidationError('snooze', [{ path: 'until', message: 'must be in the future' }]);
      }
      const next = await setStatus(id, 'snoozed', by, until);
      runtime.snoozes.schedule(workspaceId, id, until);
      return next;
    },
  };
}
