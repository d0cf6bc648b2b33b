// The host app's module under test: escalation rules on top of InboxKit. It uses only the
// public API and the Clock it is given, which is what makes it testable with a manual clock.
import type { Clock, CancelTimer, Conversation, InboxKit, WorkspaceApi } from '@inboxkit/core';

/** When and to whom the app escalates a workspace's conversations. */
export interface EscalationPolicy {
  /** The workspace this policy watches; events of other workspaces are ignored. */
  workspaceId: string;
  /** Sender domains (`bigcorp.example`) whose new conversations go straight to the lead. */
  vipDomains: string[];
  /** The user escalated conversations are assigned to. */
  leadUserId: string;
  /** An open conversation still without a first response this long after it was opened is escalated. */
  firstResponseSlaMs: number;
  /** How often the overdue check runs, on the clock's time. */
  checkEveryMs: number;
}

/** The running escalation rules. */
export interface Escalations {
  /** Escalates every overdue conversation now; resolves with their ids. */
  sweep(): Promise<string[]>;
  /**
   * Resolves once the app's own event handlers and the kit's after-commit work they caused
   * (notifications of the reassignment) are done; rejects with the first error a handler or
   * check hit since the last call. Tests await this before asserting.
   */
  idle(): Promise<void>;
  /** Stops listening and cancels the next check. */
  stop(): void;
}

const domainOf = (email: string | null) => email?.split('@')[1]?.toLowerCase() ?? null;

/** Starts the escalation rules of `policy` on `kit`, checking for overdue conversations on `clock`. */
export function startEscalations(kit: InboxKit, clock: Clock, policy: EscalationPolicy): Escalations {
  const ws: WorkspaceApi = kit.workspace(policy.workspaceId);
  const vip = new Set(policy.vipDomains.map((d) => d.toLowerCase()));
  const pending = new Set<Promise<unknown>>();
  const failures: unknown[] = [];
  let cancel: CancelTimer | null = null;

  // Event listeners cannot be awaited by whoever caused the event, so the app keeps its own
  // handlers' promises (and their errors): that is what `idle()` waits for and reports.
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.catch((error: unknown) => void failures.push(error)).finally(() => pending.delete(work));
  };

  const escalate = (conversation: Conversation) =>
    conversation.assigneeId === policy.leadUserId ? null : ws.conversations.assign(conversation.id, { userId: policy.leadUserId });

  const onCreated = (event: { workspaceId: string; data: { conversationId: string; contactId: string } }) => {
    if (event.workspaceId !== policy.workspaceId) return;
    track(
      (async () => {
        const contact = await ws.contacts.get(event.data.contactId);
        const domain = domainOf(contact.email);
        if (domain && vip.has(domain)) await escalate(await ws.conversations.get(event.data.conversationId));
      })(),
    );
  };

  async function sweep(): Promise<string[]> {
    const escalated: string[] = [];
    const overdueBefore = clock.now() - policy.firstResponseSlaMs;
    for (let cursor: string | null = null; ; ) {
      const page = await ws.conversations.list({ status: 'open', cursor, limit: 100 });
      for (const conversation of page.items) {
        if (conversation.firstResponseAt !== null || conversation.createdAt > overdueBefore) continue;
        if (await escalate(conversation)) escalated.push(conversation.id);
      }
      if (!page.nextCursor) return escalated;
      cursor = page.nextCursor;
    }
  }

  const schedule = () => {
    cancel = clock.setTimer(async () => {
      const run = sweep();
      track(run);
      await run.catch(() => undefined); // a failed sweep is retried by the next one
      if (cancel) schedule();
    }, policy.checkEveryMs);
  };

  kit.events.on('conversation.created', onCreated);
  schedule();
  return {
    sweep,
    async idle() {
      do {
        await kit.idle();
        await Promise.allSettled(pending);
      } while (pending.size > 0);
      await kit.idle();
      if (failures.length > 0) throw failures.splice(0)[0];
    },
    stop() {
      kit.events.off('conversation.created', onCreated);
      cancel?.();
      cancel = null;
    },
  };
}
