import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import type { Form } from './form.js';
import { formAddress } from './form-directory.js';
import { incrementSpamCount } from './spam-counter.js';

/** What a forms channel adapter reads and records about forms (`context.forms`). */
export interface ChannelForms {
  /**
   * The form with this id, in whichever workspace owns it (a public submission URL carries only
   * the form id), or `null` when there is none. Form ids are unique across workspaces.
   */
  find(formId: string): Promise<Form | null>;
  /**
   * Counts one rejected spam submission of a form under `reason` (e.g. `honeypot`). Atomic:
   * concurrent counts add up. Read the counts with `ws.forms.spamCount(formId)`.
   */
  countSpam(workspaceId: string, formId: string, reason: string): Promise<void>;
}

/** Builds the forms part of a channel context. Internal. */
export function channelForms(runtime: KitRuntime): ChannelForms {
  return {
    async find(formId) {
      const target = await runtime.storage.addresses.get(formAddress(formId));
      if (!target) return null;
      const form = await runtime.storage.records.get(target.workspaceId, 'form', formId);
      // The directory lower-cases; the id must match exactly.
      return form && form.id === formId ? form : null;
    },
    countSpam(workspaceId, formId, reason) {
      return new Scope(runtime, workspaceId, null).mutate((tx) => incrementSpamCount(tx, workspaceId, formId, reason));
    },
  };
}
