import type { Channel, Contact, Conversation, Inbox, Storage, StorageOperations, TimelineItem, Workspace } from '@inboxkit/core';
import { fixtures } from './fixtures.js';

/**
 * A workspace with one inbox, one channel and one contact, all stored; conversations and
 * timeline items added through it reference them. Tests build on coherent data so stores
 * that enforce references (foreign keys) pass for the right reasons.
 */
export interface World {
  workspace: Workspace;
  inbox: Inbox;
  channel: Channel;
  contact: Contact;
  /** Stores a conversation of this world (its inbox, channel and contact unless overridden). */
  conversation(overrides?: Partial<Conversation>): Promise<Conversation>;
  /** Stores a timeline item. */
  item<T extends TimelineItem>(item: T): Promise<T>;
  /** Stores another contact of this workspace. */
  contactOf(overrides?: Partial<Contact>): Promise<Contact>;
}

/** Seeds a world in `storage` (or inside a transaction's operations). */
export async function seedWorld(storage: Storage | StorageOperations, name = 'Acme'): Promise<World> {
  const workspace = fixtures.workspace({ name });
  await storage.workspaces.insert(workspace);
  const inbox = fixtures.inbox(workspace);
  const channel = fixtures.channel(workspace, { inboxId: inbox.id });
  await storage.records.put('inbox', inbox);
  await storage.records.put('channel', channel);
  const contact = fixtures.contact(workspace);
  await storage.contacts.insert(contact);

  return {
    workspace,
    inbox,
    channel,
    contact,
    async conversation(overrides = {}) {
      const conversation = fixtures.conversation(workspace, {
        inboxId: inbox.id,
        channelId: channel.id,
        channelType: channel.type,
        contactId: contact.id,
        ...overrides,
      });
      await storage.conversations.insert(conversation);
      return conversation;
    },
    async item(item) {
      await storage.timeline.insert(item);
      return item;
    },
    async contactOf(overrides = {}) {
      const other = fixtures.contact(workspace, overrides);
      await storage.contacts.insert(other);
      return other;
    },
  };
}
