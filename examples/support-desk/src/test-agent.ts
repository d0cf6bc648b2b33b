import { startSupportDesk, type SupportDesk, type SupportDeskOptions } from './support-desk.js';

/** A signed-in agent talking to the UI over HTTP, like a browser without JavaScript. */
export interface TestAgent {
  get(path: string): Promise<{ status: number; html: string; location: string | null }>;
  /** Posts a form the way the UI's own pages do (same origin). */
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; location: string | null; html: string }>;
}

/** A session for `userId`: the demo's sign-in cookie on every request. */
export function testAgent(desk: SupportDesk, userId: string): TestAgent {
  const headers = { cookie: `desk_user=${userId}` };
  const base = desk.urls.agent;
  return {
    async get(path) {
      const response = await fetch(base + path, { headers, redirect: 'manual' });
      return { status: response.status, html: await response.text(), location: response.headers.get('location') };
    },
    async post(path, fields, extra = {}) {
      const response = await fetch(base + path, { method: 'POST', headers: { ...headers, origin: base, ...extra }, body: new URLSearchParams(fields), redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location'), html: await response.text() };
    },
  };
}

/** A desk for suites that run from sources: the widget is a stub unless a script is given. */
export function startTestDesk(options: SupportDeskOptions = {}): Promise<SupportDesk> {
  return startSupportDesk({ widgetScript: '/* widget not needed here */', minFillMs: 0, ...options });
}

/** The id of the seeded conversation with this subject. */
export async function conversationBySubject(desk: SupportDesk, subject: string): Promise<string> {
  const { items } = await desk.ws.conversations.list({ limit: 100 });
  const found = items.find((c) => c.subject === subject);
  if (!found) throw new Error(`no seeded conversation "${subject}"`);
  return found.id;
}

