/**
 * `conversations.search` on a real PostgreSQL as the data grows: p50 / p99 of the queries of
 * `corpusQueries` at 10k and 1M messages, each size's growth over the 10k baseline measured in
 * the same run. The corpus is loaded in bulk, not message by message: conversations and their
 * search documents (built with the store's own `vectorOf`, exactly what its writes store) go in
 * by `json_to_recordset`, with the GIN index built after the load. Timeline rows are left out:
 * the search query never reads them. A fresh database of its own on DATABASE_URL's server
 * (default postgres@127.0.0.1:5432), dropped at the end.
 * Run: `node --import tsx bench/search.bench.ts [maxMessages]` (part of `npm run bench`).
 */
import { parseSearchQuery, timelineSearchText, contactSearchText, conversationSearchText, type Contact } from '@inboxkit/core';
import { corpusQueries, searchCorpus } from '@inboxkit/storage-testkit';
import pg from 'pg';
import { postgresStorage, type PostgresStorage } from '../src/index.js';
import { vectorOf } from '../src/stores/search/vector.js';
import { createTestDatabase } from '../test/helpers/databases.js';
import { fmt, percentile, printTable, since, type Row } from './stats.js';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const maxMessages = Number(process.argv[2] ?? 1_000_000);
const sizes = [10_000, 1_000_000].filter((size) => size <= maxMessages);
const REPS = 200;
const WS = 'ws_bench';
const BATCH = 2000;

/** Loads `messages` messages' worth of conversations and documents into `schema`. Returns seconds. */
async function seed(pool: pg.Pool, schema: string, messages: number): Promise<number> {
  const start = performance.now();
  const q = (table: string) => `"${schema}".${table}`;
  await pool.query(`DROP INDEX ${q('conversation_search_document_idx')}`);
  await pool.query(`INSERT INTO ${q('workspaces')} (id, name, created_at, updated_at) VALUES ($1, 'Bench', 0, 0)`, [WS]);
  let contact: Contact | null = null;
  let conversations: object[] = [];
  let documents: object[] = [];
  const flush = async () => {
    await pool.query(`INSERT INTO ${q('conversations')} SELECT * FROM json_populate_recordset(null::${q('conversations')}, $1::json)`, [JSON.stringify(conversations)]);
    await pool.query(
      `INSERT INTO ${q('conversation_search')} (workspace_id, conversation_id, contact_id, subject, contact, body)
       SELECT * FROM json_to_recordset($1::json) AS d(workspace_id text, conversation_id text, contact_id text, subject tsvector, contact tsvector, body tsvector)`,
      [JSON.stringify(documents)],
    );
    [conversations, documents] = [[], []];
  };
  for (const entry of searchCorpus({ workspaceId: WS, messages })) {
    contact = entry.contact ?? contact;
    const c = entry.conversation;
    conversations.push({
      workspace_id: WS, id: c.id, inbox_id: c.inboxId, channel_id: c.channelId, channel_type: c.channelType, contact_id: c.contactId,
      subject: c.subject, status: c.status, snoozed_until: c.snoozedUntil, assignee_id: c.assigneeId, team_id: c.teamId, spam: c.spam,
      origin: c.origin, reply_token: c.replyToken, message_count: entry.messages.length, created_at: c.createdAt, updated_at: c.updatedAt,
      last_message_at: c.lastMessageAt, first_response_at: null, closed_at: null, tag_ids: c.tagIds, extra: {},
    });
    documents.push({
      workspace_id: WS, conversation_id: c.id, contact_id: c.contactId, subject: vectorOf(conversationSearchText(c)),
      contact: vectorOf(contactSearchText(contact!)), body: vectorOf(entry.messages.map(timelineSearchText).join('\n')),
    });
    if (conversations.length === BATCH) await flush();
  }
  if (conversations.length > 0) await flush();
  await pool.query(`CREATE INDEX conversation_search_document_idx ON ${q('conversation_search')} USING gin (document)`);
  await pool.query(`ANALYZE ${q('conversations')}; ANALYZE ${q('conversation_search')}`);
  return since(start) / 1000;
}

/** p50 / p99 (ms) of the first page (20 hits) of each query, and how many conversations match. */
async function measure(storage: PostgresStorage) {
  const results = [];
  for (const query of corpusQueries) {
    const match = parseSearchQuery(query.text);
    const search = (limit: number, cursor: string | null = null) => storage.search.conversations(WS, { ...query.filter, match, limit, cursor });
    for (let i = 0; i < 10; i++) await search(20);
    const times: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const started = performance.now();
      await search(20);
      times.push(since(started));
    }
    let matches = 0;
    for (let page = await search(10_000); ; page = await search(10_000, page.nextCursor)) {
      matches += page.items.length;
      if (!page.nextCursor) break;
    }
    results.push({ p50: percentile(times, 50), p99: percentile(times, 99), matches });
  }
  return results;
}

const database = await createTestDatabase(serverUrl, 'inboxkit_search_bench');
const pool = new pg.Pool({ connectionString: database.url, max: 4 });
const results = new Map<number, Awaited<ReturnType<typeof measure>>>();
try {
  for (const size of sizes) {
    const storage = postgresStorage({ pool, schema: `search_${size}` });
    await storage.migrate();
    console.log(`${size} messages (${size / 10} conversations) loaded in ${fmt(await seed(pool, storage.schema, size), 1)} s`);
    results.set(size, await measure(storage));
    await storage.close();
  }
} finally {
  await pool.end();
  await database.drop();
}

const baseline = results.get(sizes[0]!)!;
const rows: Row[] = corpusQueries.flatMap((query, q) =>
  sizes.map((size) => {
    const m = results.get(size)![q]!;
    return {
      section: query.name,
      measure: `${size} messages: p50 / p99`,
      value: `${fmt(m.p50)} / ${fmt(m.p99)} ms`,
      note: `growth ${fmt(m.p99 / baseline[q]!.p99, 1)}× over the p99 at ${sizes[0]} (baseline of this run); ${m.matches} matches`,
    };
  }),
);
printTable(rows);
