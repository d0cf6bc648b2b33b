import type { AddressTarget, StorageOperations } from '../storage/storage.js';

/**
 * Forms are posted to by id alone (`/forms/:formId/submissions`), so a form id must name one
 * form across all workspaces. The global address directory gives both the uniqueness (`CONFLICT`
 * when taken) and the one-read lookup; the `form:` prefix can never be an email address.
 */
export function formAddress(formId: string): string {
  return `form:${formId}`;
}

/** Registers a form in the global directory, in the caller's transaction. */
export function registerForm(tx: StorageOperations, form: { id: string } & AddressTarget): Promise<void> {
  return tx.addresses.put(formAddress(form.id), { workspaceId: form.workspaceId, inboxId: form.inboxId, channelId: form.channelId });
}
