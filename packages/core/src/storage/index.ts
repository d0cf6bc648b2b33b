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
export type { StorageRecordTypes, RecordKind, BaseRecord, RecordWhere, RecordRead } from './records.js';
export type { BotSession, BotSessionStatus, BotTransitionRecord, BotSessionStore } from './bot-store.js';
export type { SearchStore, ConversationSearchQuery } from './search-store.js';
export { conversationSearchText, contactSearchText, timelineSearchText } from './search-store.js';
export type { ReadMark, ReadStatus, ReadStateStore } from './read-store.js';
export type { FollowerStore } from './follower-store.js';
export { MAX_SIGNAL_BYTES, checkSignal, type StorageSignal } from './signals.js';
