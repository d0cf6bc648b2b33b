import { VolumeTally, type VolumeBucket, type VolumeQuery } from '@inboxkit/core';
import type { StoreContext } from '../context.js';
import { conversationsWhere, num } from './filter.js';

/**
 * `volume`: conversations grouped by channel type, creation bucket and close bucket in SQL
 * (`width_bucket` over the kit's boundaries), so only a few groups reach Node; core's
 * `VolumeTally` turns them into buckets with the same rule the memory store uses.
 */
export async function volume({ db, t }: StoreContext, workspaceId: string, query: VolumeQuery): Promise<VolumeBucket[]> {
  const { boundaries } = query;
  const where = conversationsWhere(workspaceId, query);
  const edges = where.param(boundaries);
  const buckets = boundaries.length - 1;
  // Only conversations created before the end and not closed before the start can count.
  where.and(`c.created_at < ${where.param(boundaries[buckets])}`);
  where.and(`(c.closed_at IS NULL OR c.closed_at >= ${where.param(boundaries[0])})`);
  const { rows } = await db.query<{ channel_type: string; created: number; closed: number | null; n: string }>(
    `SELECT c.channel_type, width_bucket(c.created_at, ${edges}::bigint[]) - 1 AS created,
            width_bucket(c.closed_at, ${edges}::bigint[]) - 1 AS closed, count(*) AS n
     FROM ${t.conversations} c WHERE ${where}
     GROUP BY 1, 2, 3`,
    where.params,
  );
  const tally = new VolumeTally(boundaries);
  // A NULL close (never closed) falls in no bucket: `bucketIndex` calls that `buckets` (never).
  for (const row of rows) tally.addIndexed(row.channel_type, row.created, row.closed ?? buckets, num(row.n));
  return tally.buckets();
}
