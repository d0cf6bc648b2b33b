import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { Association } from '../runtime/host.js';
import type { Scope } from '../kit/scope.js';

/** Associated records from one host provider, or why they could not be loaded. */
export interface SidebarAssociations {
  /** Provider name. */
  provider: string;
  /** The records (empty when the provider failed). */
  items: Association[];
  /** Set when the provider failed; the rest of the sidebar still loads. */
  error: string | null;
}

/** What the agent sees beside a conversation. */
export interface ContactSidebar {
  /** The contact. */
  contact: Contact;
  /** Records from each `AssociationProvider` (companies, deals, tickets…). */
  associations: SidebarAssociations[];
  /** The contact's conversations the viewer may see, newest activity first. */
  previousConversations: Conversation[];
}

/** Loads the sidebar. One failing or slow provider (timeout) never breaks the others. */
export async function loadSidebar(scope: Scope, contact: Contact, options: { limit: number; timeoutMs: number; excludeConversationId?: string }): Promise<ContactSidebar> {
  const { runtime, workspaceId } = scope;
  const visible = await scope.access.visibleInboxIds();
  const [associations, conversations] = await Promise.all([
    Promise.all(
      runtime.associations.map(async (provider): Promise<SidebarAssociations> => {
        try {
          const items = await withTimeout(provider.forContact(contact, { workspaceId }), options.timeoutMs);
          return { provider: provider.name, items, error: null };
        } catch (error) {
          runtime.logger.warn('association provider failed', { provider: provider.name, error: String(error) });
          return { provider: provider.name, items: [], error: error instanceof Error ? error.message : String(error) };
        }
      }),
    ),
    scope.storage.conversations.list(workspaceId, {
      contactId: contact.id,
      ...(visible ? { inboxIds: visible } : {}),
      spam: false,
      limit: options.limit + 1,
    }),
  ]);
  const previous = conversations.items.filter((c) => c.id !== options.excludeConversationId).slice(0, options.limit);
  return { contact, associations, previousConversations: previous };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
