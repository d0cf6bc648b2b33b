export type { AnalyticsApi } from './analytics-service.js';
export {
  repliesByAgentInput,
  responseTimesInput,
  volumeInput,
  exportConversationsInput,
  botPerformanceInput,
  businessHoursInput,
  MAX_VOLUME_BUCKETS,
  type RepliesByAgentInput,
  type ResponseTimesInput,
  type VolumeInput,
  type ExportConversationsInput,
  type BotPerformanceInput,
} from './schemas.js';
export { timelineFacts, TimelineFactsBuilder, itemRole, type TimelineFacts, type Wait, type ItemRole } from './timeline-facts.js';
export { durationStats, percentileCont, NO_DURATIONS } from './duration-stats.js';
export { workingIntervals, WorkingTime } from './working-time.js';
export { hoursProfileOf, type HoursProfile } from './business-hours.js';
export { bucketBoundaries, type VolumeInterval } from './buckets.js';
export { VolumeTally, bucketIndex } from './volume-tally.js';
export { toCsv, conversationExportColumns } from './csv.js';
export type {
  AnalyticsStore,
  AnalyticsConversationFilter,
  AnalyticsFilter,
  AgentReplies,
  ResponseTimesGroupBy,
  BusinessHours,
  ResponseTimesQuery,
  DurationStats,
  ResponseTimesGroup,
  VolumeQuery,
  VolumeCounts,
  VolumeBucket,
  ExportQuery,
  ConversationExportRow,
  BotPerformanceQuery,
  BotPerformance,
  BotStepFunnel,
} from '../storage/analytics-store.js';
