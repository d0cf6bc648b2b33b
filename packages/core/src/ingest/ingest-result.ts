import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { Message } from '../domain/timeline.js';

/** What `kit.ingest` returns. */
export type IngestResult =
  | {
      /** Accepted: stored as a message. */
      status: 'accepted';
      /** The conversation it landed in. */
      conversation: Conversation;
      /** The stored message. */
      message: Message;
      /** The contact it was attributed to. */
      contact: Contact;
      /** A new conversation was opened. */
      created: boolean;
      /** This `externalId` was ingested before; nothing changed and the first result is returned. */
      duplicate: boolean;
    }
  | {
      /** Filtered out by an email filter (dropped, or kept as spam). */
      status: 'filtered';
      /** Id of the filter that matched. */
      filterId: string;
      /** Why it matched. */
      reason: string;
      /** Set when the action was `spam`: the spam conversation it was kept in. */
      conversation: Conversation | null;
      /** Set when kept as spam. */
      message: Message | null;
      /** Always false for filtered results. */
      created: false;
      /** Whether this `externalId` was seen before. */
      duplicate: boolean;
    };
