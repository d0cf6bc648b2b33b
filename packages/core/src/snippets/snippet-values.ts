import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { Inbox } from '../domain/inbox.js';
import type { User } from '../domain/user.js';
import { firstNameOf, type SnippetValues } from './template.js';

/** What a render reads its values from; an absent source leaves its variables empty. */
export interface SnippetSources {
  conversation: Conversation;
  contact: Contact | null;
  inbox: Inbox | null;
  /** The user rendering; `null` for a host call without `by`. */
  agent: User | null;
}

/** The value of every variable for one render. Pure. */
export function snippetValues({ conversation, contact, inbox, agent }: SnippetSources): SnippetValues {
  return {
    'contact.name': contact?.name ?? null,
    'contact.firstName': firstNameOf(contact?.name ?? null),
    'contact.email': contact?.email ?? null,
    'agent.name': agent?.name ?? null,
    'agent.email': agent?.email ?? null,
    'inbox.name': inbox?.name ?? null,
    'conversation.subject': conversation.subject,
  };
}
