import type { BotSessionStore, FollowerStore, ReadStateStore, SearchStore, StorageOperations } from '@inboxkit/core';
import { addressStore } from './addresses.js';
import { botStore } from './bots.js';
import { followerStore } from './followers.js';
import { readStore } from './reads.js';
import { contactStore } from './contacts.js';
import type { StoreContext } from './context.js';
import { conversationStore } from './conversations.js';
import { eventStore } from './events.js';
import { leaseStore } from './leases.js';
import { recordStore } from './records.js';
import { searchStore } from './search/search.js';
import { stateStore } from './state.js';
import { timelineStore } from './timeline.js';
import { workspaceStore } from './workspaces.js';

/** Every store over one context: the pool outside transactions, a connection inside one. */
export function operationsOver(
  context: StoreContext,
): StorageOperations & { bots: BotSessionStore; reads: ReadStateStore; followers: FollowerStore; search: SearchStore } {
  return {
    workspaces: workspaceStore(context),
    records: recordStore(context),
    contacts: contactStore(context),
    conversations: conversationStore(context),
    timeline: timelineStore(context),
    events: eventStore(context),
    state: stateStore(context),
    addresses: addressStore(context),
    leases: leaseStore(context),
    bots: botStore(context),
    search: searchStore(context),
    reads: readStore(context),
    followers: followerStore(context),
  };
}
