import type { AnalyticsStore } from '@inboxkit/core';
import { botPerformance } from './bot-performance.js';
import { exportConversations } from './export.js';
import { repliesByAgent } from './replies.js';
import { responseTimes } from './response-times.js';
import type { AnalyticsTables } from './tables.js';
import { volume } from './volume.js';

/**
 * The memory store's reports, read straight from the conversation and timeline tables through
 * their indexes: user replies by time, conversations by creation and by close time, and each
 * conversation's timeline in order; bot sessions from the bot table. The definitions come from core's pure helpers
 * (`timelineFacts`, `durationStats`, `WorkingTime`, `VolumeTally`), so the numbers are the
 * ones SQL stores compute. Each call runs as one unit of work, so it sees no half-done
 * transaction.
 */
export function analyticsStore(tables: AnalyticsTables): AnalyticsStore {
  return {
    repliesByAgent: async (workspaceId, filter) => repliesByAgent(tables, workspaceId, filter),
    responseTimes: async (workspaceId, query) => responseTimes(tables, workspaceId, query),
    volume: async (workspaceId, query) => volume(tables, workspaceId, query),
    exportConversations: async (workspaceId, query) => exportConversations(tables, workspaceId, query),
    botPerformance: async (workspaceId, query) => botPerformance(tables, workspaceId, query),
  };
}
