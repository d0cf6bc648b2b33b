import { createInboxKit } from '@inboxkit/core';
import { postgresStorage } from '@inboxkit/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_URL, NO_DATABASE_REASON, type TestDatabase } from '../../../packages/storage-postgres/test/helpers/databases.js';
import { conversationBySubject, startTestDesk, testAgent } from './test-agent.js';

describe.skipIf(!DATABASE_URL)(`support desk on PostgreSQL${DATABASE_URL ? '' : `: ${NO_DATABASE_REASON}`}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(DATABASE_URL!, 'support_desk');
  });
  afterAll(() => database?.drop());

  it('seeds, serves and keeps what agents do in the database', async () => {
    const desk = await startTestDesk({ databaseUrl: database.url });
    const kari = testAgent(desk, desk.org.users.kari.id);
    const id = await conversationBySubject(desk, 'Do you ship outside Norway?');
    expect((await kari.get(`/inbox/${desk.org.inboxes.sales.id}/unassigned`)).html).toContain(`/conversations/${id}`);
    await kari.post(`/conversations/${id}/reply`, { text: 'Yes, Sweden is NOK 150 per order.' });
    expect((await kari.get('/analytics')).html.match(/<svg class="chart/g)).toHaveLength(4);
    const workspaceId = desk.ws.id;
    await desk.close();

    // Another process on the same database sees the reply.
    const storage = postgresStorage({ connectionString: database.url });
    const kit = createInboxKit({ storage });
    await kit.start();
    const texts = (await kit.workspace(workspaceId).conversations.timeline(id)).items.map((i) => i.text.trim());
    expect(texts).toEqual(['We are in Gothenburg. Can you deliver to Sweden, and what does shipping cost?', 'Yes, Sweden is NOK 150 per order.']);
    await kit.stop();
    await storage.close();
  });
});
