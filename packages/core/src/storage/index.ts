export type {
  Storage,
  StorageCapabilities,
  StorageOperations,
  WorkspaceStore,
  RecordStore,
  ContactStore,
  ConversationFilter,
  ConversationStore,
  TimelineStore,
  EventStore,
  StateStore,
  AddressTarget,
  AddressStore,
  LeaseStore,
} from './storage.js';
export type { StorageRecordTypes, RecordKind, BaseRecord, RecordWhere } from './records.js';
export type { BotSession, BotSessionStatus, BotTransitionRecord, BotSessionStore } from './bot-store.js';
export type { SearchStore, ConversationSearchQuery } from './search-store.js';
export { conversationSearchText, contactSearchText, timelineSearchText } from './search-store.js';
