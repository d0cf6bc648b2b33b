import type pg from 'pg';

/** Shape of the analytics bench's workspace. */
export const SHAPE = {
  workspaceId: 'ws_analytics',
  conversations: 100_000,
  /** Timeline items per conversation: 1M in all (a tenth of them comments). */
  itemsPerConversation: 10,
  /** Activity spreads over 2026. */
  start: Date.UTC(2026, 0, 1),
  span: 365 * 86_400_000,
  agents: 50,
} as const;

const ZONES = ['Europe/Oslo', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'UTC'];

/** Agents with weekday working hours in five zones (for business-hours reports). */
function agentRecords(workspaceId: string): unknown[] {
  return Array.from({ length: SHAPE.agents }, (_, i) => ({
    id: `user_${i}`, workspaceId, name: `Agent ${i}`, email: `agent${i}@bench.test`, avatarUrl: null, meetingLink: null,
    role: 'agent', availability: 'available', capacity: { default: null, inboxes: {} }, createdAt: 0, updatedAt: 0,
    workingHours: { timeZone: ZONES[i % ZONES.length], weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), exceptions: [] },
  }));
}

/**
 * Seeds the bench workspace with bulk SQL (`INSERT … SELECT generate_series`): 100k
 * conversations over a year (20 inboxes, 3 channel types, 50 agents, 30% unassigned, 10 teams,
 * 75% closed within three days, 2% spam) and 1M timeline items, 10 per conversation about an
 * hour apart: the first from the contact, then 40% contact messages, 40% agent replies, 10% bot
 * messages, 10% comments. The timeline insert is one statement, so the analytics trigger
 * derives every conversation's waits in one pass, as it would for any bulk import.
 * Returns ms spent per step.
 */
export async function seedAnalytics(pool: pg.Pool, schema: string): Promise<{ conversations: number; timeline: number; vacuum: number }> {
  const s = `"${schema}"`;
  const { workspaceId, conversations, itemsPerConversation, start, span, agents } = SHAPE;
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`SET work_mem = '64MB'`);
    await client.query('SELECT setseed(0.42)');
    await client.query(`INSERT INTO ${s}.workspaces (id, name, created_at, updated_at) VALUES ($1, 'Analytics', 0, 0)`, [workspaceId]);
    for (const agent of agentRecords(workspaceId)) {
      await client.query(`INSERT INTO ${s}.records (workspace_id, kind, id, data) VALUES ($1, 'user', $2, $3::jsonb)`, [workspaceId, (agent as { id: string }).id, JSON.stringify(agent)]);
    }
    let t0 = performance.now();
    await client.query(
      `INSERT INTO ${s}.conversations (workspace_id, id, inbox_id, channel_id, channel_type, contact_id, subject, status,
         assignee_id, team_id, spam, origin, reply_token, message_count, created_at, updated_at, last_message_at, closed_at)
       SELECT $1, 'conv_' || lpad(g::text, 7, '0'), 'inbox_' || (g % 20), 'chan_' || (g % 30), (ARRAY['email', 'chat', 'forms'])[1 + g % 3],
              'contact_' || (g % 40000), 'Subject ' || g, CASE WHEN closed THEN 'closed' ELSE 'open' END,
              CASE WHEN g % 10 < 3 THEN NULL ELSE 'user_' || (g % $3) END, 'team_' || (g % 10), g % 50 = 0,
              '{"kind":"channel","id":null}', md5(g::text), $4, t, t, t + 10 * 3600000,
              CASE WHEN closed THEN t + floor(random() * 3 * 86400000)::bigint END
       FROM (SELECT g, random() < 0.75 AS closed, $5::bigint + floor(random() * $6)::bigint AS t
             FROM generate_series(1, $2::int) AS g) AS x`,
      [workspaceId, conversations, agents, itemsPerConversation, start, span],
    );
    const conversationMs = performance.now() - t0;
    t0 = performance.now();
    await client.query(
      `INSERT INTO ${s}.timeline_items (workspace_id, id, conversation_id, kind, created_at, text, channel_id, direction, author,
         attachments, external_id, metadata, delivery_status, author_id, mentions)
       SELECT $1, 'itm_' || substr(c.id, 6) || '_' || j, c.id, CASE WHEN k = 4 THEN 'comment' ELSE 'message' END,
              c.created_at + j * 3600000 + floor(random() * 3000000)::bigint, 'A message body of a typical length for a support request.',
              CASE WHEN k <> 4 THEN c.channel_id END,
              CASE k WHEN 1 THEN 'incoming' WHEN 2 THEN 'outgoing' WHEN 3 THEN 'outgoing' END,
              CASE k WHEN 1 THEN jsonb_build_object('type', 'contact', 'id', c.contact_id)
                     WHEN 2 THEN jsonb_build_object('type', 'user', 'id', coalesce(c.assignee_id, 'user_' || (j * 7 % $2)))
                     WHEN 3 THEN '{"type":"bot","id":null}'::jsonb END,
              CASE WHEN k <> 4 THEN '[]'::jsonb END, CASE WHEN k = 1 THEN '<' || c.id || '.' || j || '@bench.test>' END,
              CASE WHEN k <> 4 THEN '{}'::jsonb END, CASE WHEN k IN (2, 3) THEN 'sent' END,
              CASE WHEN k = 4 THEN 'user_1' END, CASE WHEN k = 4 THEN '[]'::jsonb END
       FROM (SELECT c.*, j, CASE WHEN j = 0 THEN 1 ELSE (ARRAY[1, 1, 1, 1, 2, 2, 2, 2, 3, 4])[1 + floor(random() * 10)::int] END AS k
             FROM ${s}.conversations c, generate_series(0, $3::int - 1) AS j
             WHERE c.workspace_id = $1) AS c`,
      [workspaceId, agents, itemsPerConversation],
    );
    const timelineMs = performance.now() - t0;
    t0 = performance.now();
    // Autovacuum would do this soon after a bulk load; index-only scans need the visibility map.
    for (const table of ['conversations', 'timeline_items', 'analytics_waits']) await client.query(`VACUUM ANALYZE ${s}.${table}`);
    return { conversations: conversationMs, timeline: timelineMs, vacuum: performance.now() - t0 };
  } finally {
    client.release();
  }
}
