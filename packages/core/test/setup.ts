// Kit-level suites run on the reference in-memory store. Core's src never imports a store
// (dependency rule); only these tests do, through the workspace alias.
import { afterEach, beforeEach } from 'vitest';
import { createInboxKit, type AssociationProvider, type HtmlSanitizer, type InboxKit, type Notifier, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, manualClock, type ManualClock, type TestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';

/** A started kit on a fresh memory store with a manual clock and a test channel. */
export interface Harness {
  kit: InboxKit;
  clock: ManualClock;
  channel: TestChannel;
  stop(): Promise<void>;
}

/** Creates a started kit for one test. */
export async function startKit(options: { associations?: AssociationProvider[]; notifier?: Notifier; sanitizeHtml?: HtmlSanitizer } = {}): Promise<Harness> {
  const clock = manualClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const channel = createTestChannel();
  const storage = memoryStorage();
  const kit = createInboxKit({
    storage,
    clock,
    channels: [channel],
    fallbackEmailDomain: 'in.example.com',
    ...options,
  });
  await kit.start();
  return {
    kit,
    clock,
    channel,
    async stop() {
      await kit.stop();
      await storage.close();
    },
  };
}

/** The seed's company: Sales and Support inboxes, a Support team with a Tier 2 sub-team. */
export async function seedAcme(kit: InboxKit) {
  const acme = await kit.workspaces.create({ name: 'Acme' });
  const ws: WorkspaceApi = kit.workspace(acme.id);
  const admin = await ws.users.create({ name: 'Ada Admin', email: 'ada@acme.test', role: 'admin' });
  const kari = await ws.users.create({ name: 'Kari Nordmann', email: 'kari@acme.test', meetingLink: 'https://meet.acme.test/kari' });
  const ola = await ws.users.create({ name: 'Ola Nordmann', email: 'ola@acme.test' });
  const sven = await ws.users.create({ name: 'Sven Seller', email: 'sven@acme.test' });
  const tier2 = await ws.teams.create({ name: 'Tier 2', memberIds: [ola.id] });
  const support = await ws.teams.create({ name: 'Support', memberIds: [kari.id] });
  await ws.teams.update(tier2.id, { parentTeamId: support.id });
  const supportInbox = await ws.inboxes.create({ name: 'Support', members: { teams: [support.id] } });
  const salesInbox = await ws.inboxes.create({ name: 'Sales', members: { users: [sven.id] } });
  const supportChannel = await ws.channels.connect({ inboxId: supportInbox.id, type: 'test', name: 'support@acme.test' });
  const salesChannel = await ws.channels.connect({ inboxId: salesInbox.id, type: 'test', name: 'sales@acme.test' });
  return { acme, ws, admin, kari, ola, sven, tier2, support, supportInbox, salesInbox, supportChannel, salesChannel };
}

/** Narrows an ingest result to an accepted one (fails the test otherwise). */
export function accepted<R extends { status: string }>(result: R): Extract<R, { status: 'accepted' }> {
  if (result.status !== 'accepted') throw new Error(`expected accepted, got ${result.status}`);
  return result as Extract<R, { status: 'accepted' }>;
}

/** The seeded company of `seedAcme`. */
export type Acme = Awaited<ReturnType<typeof seedAcme>>;

/** Registers a fresh started kit with the seeded company around every test of the file. */
export function useAcme(options: Parameters<typeof startKit>[0] = {}): { h: Harness; acme: Acme } {
  const context = {} as { h: Harness; acme: Acme };
  beforeEach(async () => {
    context.h = await startKit(options);
    context.acme = await seedAcme(context.h.kit);
  });
  afterEach(() => context.h.stop());
  return context;
}

/** The error a promise rejects with, or `null` when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (error: unknown) => error);
}

/** The code of the error a promise rejects with (`NOT_FOUND`, `VALIDATION`…), or `null` when it resolves. */
export async function failureCode(promise: Promise<unknown>): Promise<string | null> {
  const error = await failure(promise);
  return error === null ? null : ((error as { code?: string }).code ?? String(error));
}

/** The issues of the `VALIDATION` error a promise rejects with, as `path: message` lines. */
export async function validationIssues(promise: Promise<unknown>): Promise<string[]> {
  const error = (await failure(promise)) as { code?: string; issues?: Array<{ path: string; message: string }> } | null;
  if (error?.code !== 'VALIDATION' || !error.issues) throw new Error(`expected a VALIDATION error, got ${String(error)}`);
  return error.issues.map((i) => `${i.path}: ${i.message}`);
}
