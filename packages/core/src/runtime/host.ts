import type { Contact } from '../domain/contact.js';

/** What the host's notifier receives. Carries ids and a short summary only. */
export interface Notification {
  /** Workspace of the event. */
  workspaceId: string;
  /** The user to notify. */
  userId: string;
  /**
   * What happened. `comment.created` and `conversation.status.changed` reach followers only;
   * `message.received` reaches the assignee and followers.
   */
  type: 'conversation.created' | 'conversation.assigned' | 'message.received' | 'comment.mention' | 'comment.created' | 'conversation.status.changed';
  /** The conversation concerned. */
  conversationId: string;
  /** One line for a push/email notification. */
  summary: string;
}

/** Delivers notifications to users (email, push, in-app). Implemented by the host. */
export interface Notifier {
  /** Delivers one notification. May throw; the kit logs and retries per its policy. */
  notify(notification: Notification): Promise<void>;
}

/** Resolves secret references (`passwordRef`) to values at use time. Implemented by the host. */
export interface SecretResolver {
  /** The secret value for `ref`. Throw if unknown. */
  resolve(ref: string): Promise<string>;
}

/** A record of the host's CRM associated with a contact (company, deal, ticket…). */
export interface Association {
  /** Kind of record, e.g. `company`. */
  type: string;
  /** Host id of the record. */
  id: string;
  /** Display title. */
  title: string;
  /** Link into the host app. */
  url?: string;
  /** Extra display fields. */
  properties?: Record<string, unknown>;
}

/** Supplies a contact's associated records for `contacts.sidebar`. Implemented by the host. */
export interface AssociationProvider {
  /** Name shown when the provider fails (`companies`). */
  name: string;
  /** The records associated with the contact. */
  forContact(contact: Contact, context: { workspaceId: string }): Promise<Association[]>;
}
