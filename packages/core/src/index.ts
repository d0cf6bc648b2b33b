/**
 * `@inboxkit/core`: the domain model, the inbound pipeline, and the `Storage` and
 * `ChannelAdapter` contracts every store and channel adapter implements.
 * @packageDocumentation
 */
export * from './domain/index.js';
export * from './errors/index.js';
export * from './storage/index.js';
export { encodeCursor, decodeCursor, type CursorPartKind } from './storage/cursor.js';
export { checkStoreLimit, checkEventWorkspaces, MAX_STORE_LIMIT } from './storage/store-checks.js';
export { toSafeText, unsafeTextReason } from './domain/safe-text.js';
export * from './channels/index.js';
export { createInboxKit, type InboxKit } from './kit/create-inbox-kit.js';
export type { InboxKitOptions } from './kit/options.js';
export type { WorkspaceApi } from './kit/workspace-api.js';
export type { WorkspacesApi } from './workspaces/workspaces-service.js';
export type { UsersApi } from './users/users-service.js';
export type { TeamsApi } from './teams/teams-service.js';
export type { InboxesApi } from './inboxes/inboxes-service.js';
export type { ChannelsApi } from './channels/channels-service.js';
export type { ContactsApi } from './contacts/contacts-service.js';
export type { ContactSidebar, SidebarAssociations } from './contacts/sidebar.js';
export type { ConversationsApi } from './conversations/conversations-service.js';
export type { ReaderInput, UnreadCounts, UnreadCountsInput, UnreadView } from './conversations/read-state.js';
export type { FollowInput } from './conversations/followers.js';
export type { PresenceApi } from './presence/presence-service.js';
export {
  VIEWING_TTL_MS,
  TYPING_TTL_MS,
  type PresenceState,
  type PresentUser,
  type ConversationPresence,
  type PresenceChange,
} from './presence/presence-signal.js';
export { replyTokenFor, parseReplyToken } from './conversations/reply-token.js';
export type { EventsApi } from './events/events-service.js';
export type { InboxEventEmitter, EventListener } from './events/typed-emitter.js';
export { teamMemberIds, inboxMemberIds } from './domain/membership.js';
export type { IngestResult } from './ingest/ingest-result.js';
export type { IngestFailure, IngestManyResult } from './ingest/ingest-many.js';
export { systemClock, type Clock, type CancelTimer } from './runtime/clock.js';
export { silentLogger, type Logger } from './runtime/logger.js';
export { sortableIds, randomToken, type IdGenerator } from './runtime/ids.js';
export { memoryBlobs, type BlobStore } from './runtime/blobs.js';
export { defaultSanitizeHtml, type HtmlSanitizer } from './runtime/sanitize-html.js';
export type { Notification, Notifier, SecretResolver, Association, AssociationProvider } from './runtime/host.js';
export * from './availability/index.js';
export * from './routing/index.js';
export * from './filters/index.js';
export * from './notifications/index.js';
export * from './chatflows/index.js';
export * from './analytics/index.js';
export * from './bots/index.js';
export * from './forms/index.js';
export * from './webhooks/index.js';
export * from './tags/index.js';
export * from './snippets/index.js';
