/** One connection (or a pool, or PGlite): the seed's session settings only speed it up. */
export interface SeedConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The workspace every list bench schema holds. */
export const LIST_WS = 'ws_big';

/**
 * `count` conversations in one workspace of `schema`, from one INSERT … SELECT over
 * generate_series: 20 inboxes, 50 agents (30% unassigned), 10 teams (every 11th conversation
 * in none), 20% open / 5% snoozed / 75% closed, 5% spam, activity spread over a year (whole
 * seconds, so ties in `last_message_at` are common and the keyset's `id` tiebreak is exercised). The schema's
 * indexes are dropped for the load and rebuilt from their own definitions after (bulk index
 * builds are far faster than row-by-row upkeep). Used by the list benches and the plan tests.
 */
export async function seedList(client: SeedConnection, schema: string, count: number): Promise<void> {
  await client.query(`SET maintenance_work_mem = '256MB'`);
  const { rows } = await client.query(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = $1 AND tablename = 'conversations' AND indexname NOT LIKE '%_pkey'`,
    [schema],
  );
  const indexes = rows as Array<{ indexname: string; indexdef: string }>;
  for (const index of indexes) await client.query(`DROP INDEX "${schema}"."${index.indexname}"`);
  await client.query('SELECT setseed(0.42)');
  await client.query(
    `INSERT INTO "${schema}".workspaces (id, name, created_at, updated_at) VALUES ($1, 'Big', 0, 0)`,
    [LIST_WS],
  );
  await client.query(
    `INSERT INTO "${schema}".conversations
       (workspace_id, id, inbox_id, channel_id, channel_type, contact_id, subject, status, snoozed_until,
        assignee_id, team_id, spam, origin, reply_token, message_count, created_at, updated_at,
        last_message_at, first_response_at, closed_at)
     SELECT $1, 'conv_' || lpad(g::text, 8, '0'), 'inbox_' || (g % 20), 'chan_' || (g % 30),
            (ARRAY['email', 'chat', 'forms'])[1 + g % 3], 'contact_' || (g % 200000), 'Subject ' || g,
            CASE WHEN r < 0.20 THEN 'open' WHEN r < 0.25 THEN 'snoozed' ELSE 'closed' END,
            CASE WHEN r >= 0.20 AND r < 0.25 THEN t + 86400000 END,
            CASE WHEN r2 < 0.3 THEN NULL ELSE 'user_' || (floor(r2 * 1000)::int % 50) END,
            CASE WHEN g % 11 <> 0 THEN 'team_' || (g % 10) END, r3 < 0.05, '{"kind":"channel","id":null}', md5(g::text), 1 + g % 7,
            t, t, t, NULL, CASE WHEN r >= 0.25 THEN t + 7200000 END
     FROM (SELECT g, random() AS r, random() AS r2, random() AS r3,
                  1735689600000 + floor(random() * 31536000)::bigint * 1000 AS t
           FROM generate_series(1, $2::int) AS g) AS x`,
    [LIST_WS, count],
  );
  for (const index of indexes) await client.query(index.indexdef);
  // Autovacuum would do this soon after a bulk load (hint bits, visibility map, statistics).
  await client.query(`VACUUM ANALYZE "${schema}".conversations`);
}
