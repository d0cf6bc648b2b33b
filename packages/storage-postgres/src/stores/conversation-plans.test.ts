import { encodeCursor, type ConversationFilter } from '@inboxkit/core';
import { expect, it } from 'vitest';
import { LIST_WS, seedList } from '../../test/helpers/list-seed.js';
import { describeOnBothDatabases } from '../../test/helpers/targets.js';
import { listQuery } from './conversations.js';

/** A node of `EXPLAIN (FORMAT JSON)`. */
interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

// The inbox views of issue #14 (and the no-team view, migration 0010) on a workspace big enough for the planner to prefer indexes:
// each must read an index range already in list order (no Sort of its matches) and the range
// of its own index (not the activity order, filtered), on the first page and after a cursor.
const views: Array<{ name: string; filter: ConversationFilter; index: string }> = [
  { name: 'status view', filter: { statuses: ['open'], spam: false }, index: 'conversations_status_idx' },
  { name: 'unassigned view', filter: { assigneeId: null, statuses: ['open'], spam: false }, index: 'conversations_unassigned_idx' },
  { name: 'no-team view', filter: { teamId: null, statuses: ['open'], spam: false }, index: 'conversations_no_team_idx' },
];

describeOnBothDatabases('conversation list plans', (stores) => {
  it('the status, unassigned and no-team views read their ordered index range, first page and later pages', async () => {
    const { storage, schema, cleanup } = await stores().create();
    try {
      await seedList({ query: (sql, params) => stores().sql(sql, params).then((rows) => ({ rows })) }, schema, 20_000);
      const table = `"${schema}".conversations`;
      const [middle] = await stores().sql<{ at: string; id: string }>(
        `SELECT last_message_at AS at, id FROM ${table} ORDER BY last_message_at DESC, id DESC OFFSET 5000 LIMIT 1`,
      );
      for (const { name, filter, index } of views) {
        for (const cursor of [null, encodeCursor([Number(middle!.at), middle!.id])]) {
          const { sql, params } = listQuery(table, LIST_WS, { ...filter, cursor, limit: 50 });
          const [row] = await stores().sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> | string }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
          const explained = row!['QUERY PLAN'];
          const plan = (typeof explained === 'string' ? JSON.parse(explained) : explained) as Array<{ Plan: PlanNode }>;
          const all = nodes(plan[0]!.Plan);
          const what = `${name}${cursor ? ' after a cursor' : ''}: ${all.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`).join(' > ')}`;
          expect(all.map((n) => n['Node Type']), what).not.toContain('Sort');
          expect(all.find((n) => n['Node Type'] === 'Index Scan')?.['Index Name'], what).toBe(index);
        }
      }
      // The page itself is the filter's newest rows (the plan changes nothing about results).
      const page = await storage.conversations.list(LIST_WS, { ...views[1]!.filter, limit: 5 });
      expect(page.items.every((c) => c.assigneeId === null && c.status === 'open' && !c.spam)).toBe(true);
      const teamless = await storage.conversations.list(LIST_WS, { ...views[2]!.filter, limit: 5 });
      expect(teamless.items.map((c) => c.teamId)).toEqual([null, null, null, null, null]);
    } finally {
      await cleanup();
    }
  });
});
