// The adapter's suites run a real kit on the in-memory store with a manual clock; replies go
// out through core's test channel registered as type `email` (the email adapter is a separate package).
import { createInboxKit, memoryBlobs, type BlobStore, type CreateFormInput, type Form, type InboxKit, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, manualClock, type ManualClock, type TestChannel } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { formsChannel, type FormsChannel, type FormsChannelOptions } from '@inboxkit/adapter-forms';

/** The secret the host's resolver returns for the forms channel's `secretRef`. */
export const FORMS_SECRET = 'test-secret-for-fill-tokens';
/** Every secret the host's resolver knows. */
export const SECRETS: Record<string, string> = { 'forms-secret': FORMS_SECRET, 'tenant-secret': 'a-tenant-rotates-this-one' };

/** A started kit with a forms channel, an email test channel, and a workspace with a support inbox. */
export interface FormsHarness {
  kit: InboxKit;
  clock: ManualClock;
  forms: FormsChannel;
  email: TestChannel;
  ws: WorkspaceApi;
  workspaceId: string;
  inboxId: string;
  agentId: string;
  form: Form;
  /** Keys of every blob written (attachments). */
  blobPuts: string[];
  /** The handler's URL of a path (`/forms/<id>/submissions`). */
  url(path: string): string;
  /** A token issued now, with the clock moved past the minimum fill time. */
  token(formId?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The contact form most suites post to. */
export function contactFormInput(inboxId: string): CreateFormInput {
  return {
    inboxId,
    name: 'Contact us',
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true },
      { name: 'name', label: 'Name', type: 'text' },
      { name: 'company', label: 'Company', type: 'text', contactProperty: 'company' },
      { name: 'topic', label: 'Topic', type: 'select', options: [{ value: 'billing', label: 'Billing' }, { value: 'tech', label: 'Technical' }] },
      { name: 'products', label: 'Products', type: 'multi-select', options: ['inbox', 'chat', 'forms'] },
      { name: 'seats', label: 'Seats', type: 'number' },
      { name: 'consent', label: 'I agree to be contacted', type: 'checkbox', required: true },
      { name: 'message', label: 'Message', type: 'textarea', required: true, maxLength: 500 },
      { name: 'source', type: 'hidden' },
      { name: 'attachment', label: 'Attachment', type: 'file', maxBytes: 1024 },
    ],
    allowedOrigins: ['http://shop.test', 'https://shop.test'],
  };
}

/** Starts a harness; `options` override the forms channel's. */
export async function startForms(options: Partial<FormsChannelOptions> = {}): Promise<FormsHarness> {
  const clock = manualClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const storage = memoryStorage();
  const forms = formsChannel({ secretRef: 'forms-secret', ...options });
  const email = createTestChannel({ type: 'email' });
  const blobPuts: string[] = [];
  const inner = memoryBlobs();
  const blobs: BlobStore = { ...inner, put: (key, data, meta) => (blobPuts.push(key), inner.put(key, data, meta)) };
  const kit = createInboxKit({
    storage,
    clock,
    channels: [forms, email],
    blobs,
    secrets: { resolve: async (ref) => SECRETS[ref] ?? Promise.reject(new Error(`unknown secret ${ref}`)) },
    fallbackEmailDomain: 'in.example.com',
  });
  await kit.start();
  const workspace = await kit.workspaces.create({ name: 'Acme' });
  const ws = kit.workspace(workspace.id);
  const agent = await ws.users.create({ name: 'Kari Nordmann', email: 'kari@acme.test' });
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [agent.id] } });
  const form = await ws.forms.create(contactFormInput(inbox.id));
  return {
    kit,
    clock,
    forms,
    email,
    ws,
    workspaceId: workspace.id,
    inboxId: inbox.id,
    agentId: agent.id,
    form,
    blobPuts,
    url: (path) => `http://forms.example${path}`,
    async token(formId = form.id) {
      const token = await forms.issueToken(formId);
      clock.advance(5000);
      return token;
    },
    async stop() {
      await kit.stop();
      await storage.close();
    },
  };
}

/** A valid JSON submission body for the contact form. */
export function validValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { email: 'Nora@Customer.test', name: 'Nora Kunde', company: 'Kunde AS', topic: 'tech', consent: true, message: 'My order is late.', ...overrides };
}

/** Posts JSON to a form's submission endpoint. */
export function postJson(h: FormsHarness, body: unknown, init: { formId?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return h.forms.handler(
    new Request(h.url(`/forms/${init.formId ?? h.form.id}/submissions`), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: JSON.stringify(body),
    }),
  );
}

/** Everything stored in the workspace that a submission could write (for "nothing stored" checks). */
export async function storedCounts(h: FormsHarness) {
  const count = async (page: (cursor: string | null) => Promise<{ items: unknown[]; nextCursor: string | null }>) => {
    let total = 0;
    for (let cursor: string | null = null; ; ) {
      const next = await page(cursor);
      total += next.items.length;
      if (!next.nextCursor) return total;
      cursor = next.nextCursor;
    }
  };
  const [conversations, contacts, events] = await Promise.all([
    count((cursor) => h.ws.conversations.list({ cursor, limit: 500 })),
    count((cursor) => h.ws.contacts.list({ cursor, limit: 500 })),
    count((cursor) => h.ws.events.read({ after: cursor ?? undefined, limit: 500 })),
  ]);
  return { conversations, contacts, events };
}
