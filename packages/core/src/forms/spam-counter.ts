import type { StorageOperations } from '../storage/storage.js';
import type { FormSpamCount } from './form.js';

/** State key of a form's spam counter. */
export function spamCounterKey(formId: string): string {
  return `forms:spam:${formId}`;
}

/** Reads a form's spam counter (zero when none was counted). */
export async function readSpamCount(ops: StorageOperations, workspaceId: string, formId: string): Promise<FormSpamCount> {
  return (await ops.state.get<FormSpamCount>(workspaceId, spamCounterKey(formId))) ?? { total: 0, byReason: {} };
}

/** Adds one rejected submission under `reason`, in the caller's transaction (the key is locked, so concurrent counts add up). */
export async function incrementSpamCount(tx: StorageOperations, workspaceId: string, formId: string, reason: string): Promise<void> {
  const key = spamCounterKey(formId);
  const current = (await tx.state.get<FormSpamCount>(workspaceId, key, { lock: true })) ?? { total: 0, byReason: {} };
  await tx.state.put(workspaceId, key, {
    total: current.total + 1,
    byReason: { ...current.byReason, [reason]: (current.byReason[reason] ?? 0) + 1 },
  });
}
