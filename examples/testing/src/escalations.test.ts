// The host app's own tests: every one runs in milliseconds, with time moved by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyInboxEvent } from '@inboxkit/core';
import { HOUR, MONDAY_8AM, startTestApp, type TestApp, type TestWorkspace } from './test-app.js';

let app: TestApp;
let acme: TestWorkspace;
beforeEach(async () => {
  app = await startTestApp();
  acme = await app.workspace('Acme');
});
afterEach(() => app.stop());

const conversation = async (id: string) => acme.ws.conversations.get(id);
const accepted = async (pushed: ReturnType<TestWorkspace['customerWrites']>) => {
  const result = await pushed;
  if (result.status !== 'accepted') throw new Error(`expected the message to be accepted, got ${result.status}`);
  return result.conversation.id;
};
const assignmentsTo = (userId: string) => app.notifications.filter((n) => n.userId === userId && n.type === 'conversation.assigned');

describe('VIP customers', () => {
  it('a new conversation from a VIP domain goes to the lead at once, and the lead is notified', async () => {
    await app.clock.set(MONDAY_8AM + 2 * HOUR); // 10:00, the agent is working
    const id = await accepted(acme.customerWrites('ceo@BigCorp.example', 'Our invoice is wrong.'));
    await acme.escalations.idle(); // the app's handler, then the notification it caused

    expect(await conversation(id)).toMatchObject({ assigneeId: acme.lead.id });
    expect(assignmentsTo(acme.lead.id)).toEqual([expect.objectContaining({ conversationId: id, workspaceId: acme.ws.id })]);
    // Routing gave it to the agent first; the event log shows both assignments, in order.
    const assigned = (await acme.ws.events.read({ limit: 100 })).items.filter((e) => e.type === 'conversation.assigned');
    expect(assigned.map((e) => e.data)).toEqual([
      expect.objectContaining({ assigneeId: acme.agent.id }),
      expect.objectContaining({ assigneeId: acme.lead.id, previousAssigneeId: acme.agent.id }),
    ]);
  });

  it('other senders stay with routing', async () => {
    await app.clock.set(MONDAY_8AM + 2 * HOUR);
    const id = await accepted(acme.customerWrites('nora@customer.example', 'Where is my parcel?'));
    await acme.escalations.idle();
    expect(await conversation(id)).toMatchObject({ assigneeId: acme.agent.id });
    expect(assignmentsTo(acme.lead.id)).toEqual([]);
  });

  it("one workspace's policy never touches another workspace's conversations", async () => {
    const globex = await app.workspace('Globex');
    acme.escalations.stop(); // only Globex's rules run; Acme's VIP domain is Globex's too
    await app.clock.set(MONDAY_8AM + 2 * HOUR);
    const id = await accepted(acme.customerWrites('ceo@bigcorp.example', 'Hello'));
    await globex.escalations.idle();
    expect(await conversation(id)).toMatchObject({ assigneeId: acme.agent.id });
    expect(app.notifications.filter((n) => n.workspaceId === globex.ws.id)).toEqual([]);
  });
});

describe('working hours (the kit routes on the manual clock)', () => {
  it('a message before 09:00 waits unassigned, and is handed to the agent when the working day starts', async () => {
    const id = await accepted(acme.customerWrites('nora@customer.example', 'Early bird question'));
    await acme.escalations.idle();
    expect(await conversation(id)).toMatchObject({ assigneeId: null });
    const [waiting] = (await acme.ws.events.read({ limit: 100 })).items.filter((e) => e.type === 'routing.unassigned');
    expect(waiting?.data).toMatchObject({ reason: 'nobody-eligible', skipped: [{ userId: acme.agent.id, reason: 'outside-working-hours', availableAt: MONDAY_8AM + HOUR }] });

    await app.clock.advance(HOUR); // 09:00: the kit's routing wake-up fires on this clock
    await acme.escalations.idle();
    expect(await conversation(id)).toMatchObject({ assigneeId: acme.agent.id });
    expect(assignmentsTo(acme.agent.id).map((n) => n.conversationId)).toEqual([id]);
  });
});

describe('the first-response SLA', () => {
  it('escalates what is still unanswered after two hours, not what the agent answered', async () => {
    await app.clock.set(MONDAY_8AM + 1.5 * HOUR); // 09:30
    const answered = await accepted(acme.customerWrites('a@customer.example', 'Question one'));
    const ignored = await accepted(acme.customerWrites('b@customer.example', 'Question two'));
    await app.clock.advance(0.5 * HOUR);
    await acme.ws.conversations.reply(answered, { authorId: acme.agent.id, text: 'Answered in 30 minutes.' });
    expect(app.channel.sent.map((s) => s.message.text)).toEqual(['Answered in 30 minutes.']);

    await app.clock.advance(1.25 * HOUR); // 11:15, 1 h 45 after they came in: not yet
    await acme.escalations.idle();
    expect(await conversation(ignored)).toMatchObject({ assigneeId: acme.agent.id });

    await app.clock.advance(0.25 * HOUR); // 11:30: the 15-minute check finds it overdue
    await acme.escalations.idle();
    expect(await conversation(ignored)).toMatchObject({ assigneeId: acme.lead.id });
    expect(await conversation(answered)).toMatchObject({ assigneeId: acme.agent.id });
    expect(assignmentsTo(acme.lead.id).map((n) => n.conversationId)).toEqual([ignored]);
  });

  it('a snoozed conversation is not escalated while it sleeps; when the snooze ends it is', async () => {
    await app.clock.set(MONDAY_8AM + HOUR);
    const id = await accepted(acme.customerWrites('c@customer.example', 'Call me back after lunch'));
    await acme.ws.conversations.snooze(id, { until: MONDAY_8AM + 6 * HOUR, by: acme.agent.id }); // until 14:00

    await app.clock.advance(4 * HOUR); // 13:00: overdue, but snoozed
    await acme.escalations.idle();
    expect(await conversation(id)).toMatchObject({ status: 'snoozed', assigneeId: acme.agent.id });

    await app.clock.advance(HOUR); // 14:00: the kit wakes it up, the next check escalates it
    await acme.escalations.idle();
    expect(await conversation(id)).toMatchObject({ status: 'open', assigneeId: acme.lead.id });
    const log = (await acme.ws.events.read({ limit: 100 })).items as AnyInboxEvent[]; // read() is untyped per item: narrow by type
    const statuses = log.flatMap((e) => (e.type === 'conversation.status.changed' ? [e.data.status] : []));
    expect(statuses).toEqual(['snoozed', 'open']);
  });

  it('escalating twice is a no-op: a second sweep finds nothing new', async () => {
    await app.clock.set(MONDAY_8AM + HOUR);
    const id = await accepted(acme.customerWrites('d@customer.example', 'Anyone?'));
    await app.clock.advance(3 * HOUR);
    await acme.escalations.idle();
    expect(await conversation(id)).toMatchObject({ assigneeId: acme.lead.id });
    expect(await acme.escalations.sweep()).toEqual([]);
    expect(assignmentsTo(acme.lead.id)).toHaveLength(1);
  });
});

it('stopping the app cancels its timer: a stopped app leaves nothing scheduled on the clock', async () => {
  const before = app.clock.pendingTimers();
  acme.escalations.stop();
  expect(app.clock.pendingTimers()).toBe(before - 1);
});
