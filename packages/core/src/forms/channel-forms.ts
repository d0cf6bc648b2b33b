import type { Channel } from '../domain/channel.js';
import type { Storage } from '../storage/storage.js';
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
  /** The form's channel while it is active (its config holds the channel's settings), or `null` when it is gone or disconnected. */
  channel(form: Form): Promise<Channel | null>;
}

/** Builds the forms part of a channel context on a store. Internal. */
export function channelForms(storage: Storage): ChannelForms {
  return {
    async find(formId) {
      const target = await storage.addresses.get(formAddress(formId));
      if (!target) return null;
      const form = await storage.records.get(target.workspaceId, 'form', formId);
      // The directory lower-cases; the id must match exactly.
      return form && form.id === formId ? form : null;
    },
    // A counter, not a state change of the model: one transaction, no event.
    countSpam: (workspaceId, formId, reason) => storage.transaction((tx) => incrementSpamCount(tx, workspaceId, formId, reason)),
    async channel(form) {
      const channel = await storage.records.get(form.workspaceId, 'channel', form.channelId);
      return channel?.status === 'active' ? channel : null;
    },
  };
}
