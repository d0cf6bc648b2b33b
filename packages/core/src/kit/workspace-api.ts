import { channelsService, type ChannelsApi } from '../channels/channels-service.js';
import { contactsService, type ContactsApi } from '../contacts/contacts-service.js';
import { conversationsService, type ConversationsApi } from '../conversations/conversations-service.js';
import { eventsService, type EventsApi } from '../events/events-service.js';
import { inboxesService, type InboxesApi } from '../inboxes/inboxes-service.js';
import { teamsService, type TeamsApi } from '../teams/teams-service.js';
import { usersService, type UsersApi } from '../users/users-service.js';
import { routingService, type RoutingApi } from '../routing/routing-service.js';
import { filtersService, type FiltersApi } from '../filters/filters-service.js';
import { notificationsService, type NotificationsApi } from '../notifications/notifications-service.js';
import { analyticsService, type AnalyticsApi } from '../analytics/analytics-service.js';
import { chatflowsService, type ChatflowsApi } from '../chatflows/chatflows-service.js';
import { botsService, type BotsApi } from '../bots/bots-service.js';
import { formsService, type FormsApi } from '../forms/forms-service.js';
import { webhooksService, type WebhooksApi } from '../webhooks/webhooks-service.js';
import { presenceService, type PresenceApi } from '../presence/presence-service.js';
import { snippetsService, type SnippetsApi } from '../snippets/snippets-service.js';
import { tagsService, type TagsApi } from '../tags/tags-service.js';
import type { KitRuntime } from './runtime.js';
import { Scope } from './scope.js';

/** Everything in one workspace. Obtain with `kit.workspace(id)`; `asUser` gives the permission-checked view. */
export interface WorkspaceApi {
  /** The workspace id. */
  readonly id: string;
  /** Agents. */
  readonly users: UsersApi;
  /** Teams. */
  readonly teams: TeamsApi;
  /** Inboxes. */
  readonly inboxes: InboxesApi;
  /** Connected channels. */
  readonly channels: ChannelsApi;
  /** Routing rules: automatic assignment of new conversations, per channel. */
  readonly routing: RoutingApi;
  /** Email filters of inboxes, and releasing spam. */
  readonly filters: FiltersApi;
  /** Notification preferences per user. */
  readonly notifications: NotificationsApi;
  /** Contacts. */
  readonly contacts: ContactsApi;
  /** Conversations. */
  readonly conversations: ConversationsApi;
  /** The durable event log. */
  readonly events: EventsApi;
  /** Reports: replies by agent, response times, volume, and the conversation export. */
  readonly analytics: AnalyticsApi;
  /** Chatflows of chat channels: targeting, office hours, bots, and `match`. */
  readonly chatflows: ChatflowsApi;
  /** Bot sessions: run a bot chatflow's steps in a conversation (what the chat adapter drives). */
  readonly bots: BotsApi;
  /** Forms: field definitions with validation, delivering to an inbox (served by `@inboxkit/adapter-forms`). */
  readonly forms: FormsApi;
  /** Webhooks: the workspace's events POSTed to HTTP endpoints, signed per Standard Webhooks. Admin only. */
  readonly webhooks: WebhooksApi;
  /** Who is viewing or typing in a conversation now (ephemeral collision detection, never logged). */
  readonly presence: PresenceApi;
  /** Tags conversations carry (`conversations.tag` / `untag`, `list({ tagId })`). */
  readonly tags: TagsApi;
  /** Snippets: canned replies with variables, rendered for a conversation. */
  readonly snippets: SnippetsApi;
  /** The same API acting as `userId`: sees and acts only where that user may (`FORBIDDEN` / `NOT_FOUND` otherwise). */
  asUser(userId: string): WorkspaceApi;
}

/** Builds the API of a workspace for an actor (`null` = host). */
export function workspaceApi(runtime: KitRuntime, workspaceId: string, actorId: string | null): WorkspaceApi {
  const scope = new Scope(runtime, workspaceId, actorId);
  return {
    id: workspaceId,
    users: usersService(scope),
    teams: teamsService(scope),
    inboxes: inboxesService(scope),
    channels: channelsService(scope),
    routing: routingService(scope),
    filters: filtersService(scope),
    notifications: notificationsService(scope),
    contacts: contactsService(scope),
    conversations: conversationsService(scope),
    events: eventsService(scope),
    analytics: analyticsService(scope),
    chatflows: chatflowsService(scope),
    bots: botsService(scope),
    forms: formsService(scope),
    webhooks: webhooksService(scope),
    presence: presenceService(scope),
    tags: tagsService(scope),
    snippets: snippetsService(scope),
    asUser: (userId) => workspaceApi(runtime, workspaceId, userId),
  };
}
