import { VolumeTally, type VolumeBucket, type VolumeQuery } from '@inboxkit/core';
import { analyticsFilter, type AnalyticsTables } from './tables.js';

/**
 * `volume`: the conversations that can count are those created before the last boundary and
 * not closed before the first; the close index yields exactly the second set (closed at or
 * after the first boundary, then never closed), so closed history is never scanned.
 */
export function volume(tables: AnalyticsTables, workspaceId: string, query: VolumeQuery): VolumeBucket[] {
  const { boundaries } = query;
  const tally = new VolumeTally(boundaries);
  const index = tables.conversations.index(workspaceId);
  const matches = analyticsFilter(query);
  const end = boundaries[boundaries.length - 1]!;
  for (const row of index?.closedFrom(boundaries[0]!) ?? []) {
    if (row.createdAt < end && matches(row)) tally.add(row.channelType, row.createdAt, row.closedAt);
  }
  return tally.buckets();
}
