import type { Channel } from '../domain/channel.js';
import type { Inbox } from '../domain/inbox.js';
import type { Team } from '../domain/team.js';
import type { User } from '../domain/user.js';

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

/** Equality filter over a record's top-level fields. */
export type RecordWhere = Record<string, string | number | boolean | null>;
