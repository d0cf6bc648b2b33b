import type { AnalyticsStore } from '@inboxkit/core';
import type { StoreContext } from '../context.js';
import { botPerformance } from './bot-performance.js';
import { exportConversations } from './export.js';
import { repliesByAgent } from './replies.js';
import { responseTimes } from './response-times.js';
import { volume } from './volume.js';

/**
 * The postgres store's reports: aggregation in SQL, only aggregates (or one export page) come
 * back. Response times read `analytics_waits`, the table of ended waits that triggers on
 * `timeline_items` keep exact (migration 0002); the other reports read the conversation and
 * timeline tables through the indexes of docs/indexes.md, bot performance the bot tables (0003).
 */
export function analyticsStore(context: StoreContext): AnalyticsStore {
  return {
    repliesByAgent: (workspaceId, filter) => repliesByAgent(context, workspaceId, filter),
    responseTimes: (workspaceId, query) => responseTimes(context, workspaceId, query),
    volume: (workspaceId, query) => volume(context, workspaceId, query),
    exportConversations: (workspaceId, query) => exportConversations(context, workspaceId, query),
    botPerformance: (workspaceId, query) => botPerformance(context, workspaceId, query),
  };
}
