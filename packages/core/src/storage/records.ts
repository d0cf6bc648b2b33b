import type { Chatflow } from '../chatflows/chatflow.js';
import type { Channel } from '../domain/channel.js';
import type { Inbox } from '../domain/inbox.js';
import type { Team } from '../domain/team.js';
import type { User } from '../domain/user.js';
import type { EmailFilter } from '../filters/email-filter.js';
import type { Form } from '../forms/form.js';
import type { NotificationPreferencesRecord } from '../notifications/preferences.js';
import type { RoutingRule } from '../routing/routing-rule.js';
import type { WebhookRecord } from '../webhooks/webhook.js';
import type { Snippet } from '../snippets/snippet.js';
import type { Tag } from '../tags/tag.js';

/**
 * Configuration entities kept as whole records, keyed by `(workspaceId, kind, id)`.
 * They are few per workspace and read whole, so stores need no per-kind tables.
 * Features add kinds here (and third parties may, by declaration merging).
 */
export interface StorageRecordTypes {
  user: User;
  team: Team;
  inbox: Inbox;
  channel: Channel;
  /** A chat channel's chatflow. */
  chatflow: Chatflow;
  /** A channel's routing rule; `id` = the channel id. */
  routingRule: RoutingRule;
  /** An inbox's email filter. */
  emailFilter: EmailFilter;
  /** A user's notification preferences; `id` = the user id. */
  notificationPreferences: NotificationPreferencesRecord;
  /** A form of an inbox (`ws.forms`). */
  form: Form;
  /** A webhook endpoint (`ws.webhooks`); its signing secret is sealed, never plain. */
  webhook: WebhookRecord;
  /** A conversation tag (`ws.tags`). */
  tag: Tag;
  /** A canned reply (`ws.snippets`). */
  snippet: Snippet;
}

/** A kind of configuration record. */
export type RecordKind = keyof StorageRecordTypes;

/** The minimal shape every record has. */
export interface BaseRecord {
  /** Unique id (sortable: lists are ordered by it). */
  id: string;
  /** Owning workspace. */
  workspaceId: string;
}

/**
 * Filter over a record's top-level fields: a scalar must equal the field; a string array
 * means "one of" (an empty array matches nothing). Filtering in the store, not after paging,
 * keeps pages full (permission filters pass the visible ids this way).
 */
export type RecordWhere = Record<string, string | number | boolean | null | readonly string[]>;

/**
 * One read of `records.readMany`: the record `(kind, id)` when `id` is given, else every
 * record of the kind matching `where` (as `list`'s `where`; none: all of the kind).
 */
export type RecordRead =
  | { readonly kind: RecordKind; readonly id: string; readonly where?: never }
  | { readonly kind: RecordKind; readonly id?: never; readonly where?: RecordWhere };
