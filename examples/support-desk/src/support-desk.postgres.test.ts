import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_URL, NO_DATABASE_REASON, type TestDatabase } from '../../../packages/storage-postgres/test/helpers/databases.js';
import { conversationBySubject, startTestDesk, testAgent } from './test-agent.js';

describe.skipIf(!DATABASE_URL)(`support desk on PostgreSQL${DATABASE_URL ? '' : `: ${NO_DATABASE_REASON}`}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(DATABASE_URL!, 'support_desk');
  });
  afterAll(() => database?.drop());

  it('seeds, serves, keeps what agents do, and continues the demo workspace after a restart', async () => {
    const desk = await startTestDesk({ databaseUrl: database.url });
    const kari = testAgent(desk, desk.org.users.kari.id);
    const id = await conversationBySubject(desk, 'Do you ship outside Norway?');
    expect((await kari.get(`/inbox/${desk.org.inboxes.sales.id}/unassigned`)).html).toContain(`/conversations/${id}`);
    await kari.post(`/conversations/${id}/reply`, { text: 'Yes, Sweden is NOK 150 per order.' });
    expect((await kari.get('/analytics')).html.match(/<svg class="chart/g)).toHaveLength(4);
    const workspaceId = desk.ws.id;
    await desk.close();

    // A restart on the same database continues the demo workspace instead of seeding another.
    const again = await startTestDesk({ databaseUrl: database.url });
    expect([again.seeded, again.ws.id, again.org.users.kari.id]).toEqual([false, workspaceId, desk.org.users.kari.id]);
    const page = await testAgent(again, again.org.users.kari.id).get(`/conversations/${id}`);
    expect(page.html).toContain('Yes, Sweden is NOK 150 per order.');
    const chat = await again.ws.channels.get(again.org.chatChannelId);
    expect(chat.config.allowedOrigins).toContain(again.urls.site); // the new run's site origin
    await again.close();
  });
});
