import type { BotSession, Comment, Contact, Conversation, Message, TimelineItem, Workspace } from '@inboxkit/core';
import { RowMapper, type FieldSpec } from './row-mapper.js';

/** Quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Schema-qualified table names, and the mappers of the tables with real columns. */
export interface Tables {
  workspaces: string;
  records: string;
  contacts: string;
  conversations: string;
  timeline: string;
  events: string;
  eventSeqs: string;
  state: string;
  addresses: string;
  leases: string;
  /** Derived: every ended wait (migration 0002, kept by triggers). */
  analyticsWaits: string;
  /** Bot sessions (migration 0003). */
  botSessions: string;
  /** Bot transitions (migration 0003). */
  botTransitions: string;
  /** Per-user read marks (migration 0007). */
  conversationReads: string;
  /** Last incoming message per conversation (migration 0007). */
  conversationIncoming: string;
  /** Conversation followers (migration 0007). */
  conversationFollowers: string;
  /** Bot sessions (migration 0003). */
  botSession: RowMapper<BotSession>;
  /** Derived: one full-text document per conversation (migration 0005, kept by the stores). */
  conversationSearch: string;
  workspace: RowMapper<Workspace>;
  contact: RowMapper<Contact>;
  conversation: RowMapper<Conversation>;
  message: RowMapper<Message>;
  comment: RowMapper<Comment>;
}

/** Columns every timeline item has, whether message or comment. */
const timelineColumns: readonly FieldSpec[] = [
  ['workspaceId', 'workspace_id', 'text'],
  ['id', 'id', 'text'],
  ['conversationId', 'conversation_id', 'text'],
  ['kind', 'kind', 'text'],
  ['createdAt', 'created_at', 'ms'],
  ['text', 'text', 'text'],
];

/** A timeline row as the message or comment its `kind` says. */
export function timelineItemFromRow(t: Tables, row: Record<string, unknown>): TimelineItem {
  return row.kind === 'message' ? t.message.fromRow(row) : t.comment.fromRow(row);
}

/** The tables of one schema (`postgresStorage({ schema })`). */
export function tablesIn(schema: string): Tables {
  const q = (table: string) => `${quoteIdent(schema)}.${table}`;
  const timeline = q('timeline_items');
  return {
    workspaces: q('workspaces'),
    records: q('records'),
    contacts: q('contacts'),
    conversations: q('conversations'),
    timeline,
    events: q('events'),
    eventSeqs: q('event_seqs'),
    state: q('state'),
    addresses: q('addresses'),
    leases: q('leases'),
    analyticsWaits: q('analytics_waits'),
    botSessions: q('bot_sessions'),
    botTransitions: q('bot_transitions'),
    conversationSearch: q('conversation_search'),
    conversationReads: q('conversation_reads'),
    conversationIncoming: q('conversation_incoming'),
    conversationFollowers: q('conversation_followers'),
    botSession: new RowMapper<BotSession>(q('bot_sessions'), [
      ['workspaceId', 'workspace_id', 'text'],
      ['id', 'id', 'text'],
      ['conversationId', 'conversation_id', 'text'],
      ['chatflowId', 'chatflow_id', 'text'],
      ['channelId', 'channel_id', 'text'],
      ['inboxId', 'inbox_id', 'text'],
      ['status', 'status', 'text'],
      ['state', 'state', 'json'],
      ['startedAt', 'started_at', 'ms'],
      ['lastActivityAt', 'last_activity_at', 'ms'],
      ['endedAt', 'ended_at', 'ms'],
      ['transitions', 'transitions', 'int'],
    ]),
    workspace: new RowMapper<Workspace>(q('workspaces'), [
      ['id', 'id', 'text'],
      ['name', 'name', 'text'],
      ['createdAt', 'created_at', 'ms'],
      ['updatedAt', 'updated_at', 'ms'],
    ]),
    contact: new RowMapper<Contact>(q('contacts'), [
      ['workspaceId', 'workspace_id', 'text'],
      ['id', 'id', 'text'],
      ['email', 'email', 'text'],
      ['name', 'name', 'text'],
      ['phone', 'phone', 'text'],
      ['visitorIds', 'visitor_ids', 'json'],
      ['properties', 'properties', 'json'],
      ['ownerId', 'owner_id', 'text'],
      ['createdAt', 'created_at', 'ms'],
      ['updatedAt', 'updated_at', 'ms'],
    ]),
    conversation: new RowMapper<Conversation>(q('conversations'), [
      ['workspaceId', 'workspace_id', 'text'],
      ['id', 'id', 'text'],
      ['inboxId', 'inbox_id', 'text'],
      ['channelId', 'channel_id', 'text'],
      ['channelType', 'channel_type', 'text'],
      ['contactId', 'contact_id', 'text'],
      ['subject', 'subject', 'text'],
      ['status', 'status', 'text'],
      ['snoozedUntil', 'snoozed_until', 'ms'],
      ['assigneeId', 'assignee_id', 'text'],
      ['teamId', 'team_id', 'text'],
      ['spam', 'spam', 'bool'],
      ['spamAt', 'spam_at', 'ms'],
      ['tagIds', 'tag_ids', 'texts'],
      ['origin', 'origin', 'json'],
      ['replyToken', 'reply_token', 'text'],
      ['messageCount', 'message_count', 'int'],
      ['createdAt', 'created_at', 'ms'],
      ['updatedAt', 'updated_at', 'ms'],
      ['lastMessageAt', 'last_message_at', 'ms'],
      ['firstResponseAt', 'first_response_at', 'ms'],
      ['closedAt', 'closed_at', 'ms'],
    ]),
    // Messages and comments share the timeline table; each kind maps its own columns.
    message: new RowMapper<Message>(timeline, [
      ...timelineColumns,
      ['channelId', 'channel_id', 'text'],
      ['direction', 'direction', 'text'],
      ['author', 'author', 'json'],
      ['visibleText', 'visible_text', 'text'],
      ['html', 'html', 'text'],
      ['attachments', 'attachments', 'json'],
      ['externalId', 'external_id', 'text'],
      ['metadata', 'metadata', 'json'],
      ['deliveryStatus', 'delivery_status', 'text'],
      ['deliveryError', 'delivery_error', 'text'],
    ]),
    comment: new RowMapper<Comment>(timeline, [
      ...timelineColumns,
      ['authorId', 'author_id', 'text'],
      ['mentions', 'mentions', 'json'],
    ]),
  };
}
