import { UnsupportedError } from '../errors/unsupported-error.js';
import { parseInput } from '../errors/parse.js';
import type { Scope } from '../kit/scope.js';
import type {
  AgentReplies,
  AnalyticsFilter,
  AnalyticsStore,
  BotPerformance,
  BusinessHours,
  ConversationExportRow,
  ResponseTimesGroup,
  VolumeBucket,
} from '../storage/analytics-store.js';
import { bucketBoundaries } from './buckets.js';
import {
  exportConversationsInput,
  botPerformanceInput,
  repliesByAgentInput,
  responseTimesInput,
  volumeInput,
  type ExportConversationsInput,
  type BotPerformanceInput,
  type RepliesByAgentInput,
  type ResponseTimesInput,
  type VolumeInput,
} from './schemas.js';

/**
 * Reports on how the team answers: who replies most, how fast, and conversation volume over
 * time, plus a streamed export. Definitions: `definitions.md` next to this file. Times are
 * epoch ms; `from`/`to` accept a `Date` or epoch ms and form the half-open window `[from, to)`.
 *
 * Permissions: the host and admins see every inbox; an agent (`asUser`) sees figures of the
 * inboxes they are a member of only (an `inboxId` outside them gives empty results, as lists
 * do). Every method throws `VALIDATION` naming the bad field, and `UNSUPPORTED` when the store
 * has no `analytics` capability.
 */
export interface AnalyticsApi {
  /** Per user: conversations replied to and messages sent in the window; most conversations first. */
  repliesByAgent(query: RepliesByAgentInput): Promise<{ items: AgentReplies[] }>;
  /**
   * First response time, response time and time to close per inbox, agent, team or channel
   * type, each `{ count, avg, median, p90 }` in ms over the figures that ended in the window.
   * `businessHours` counts working time only.
   */
  responseTimes(query: ResponseTimesInput): Promise<{ items: ResponseTimesGroup[] }>;
  /** Created, closed and still-open conversations per calendar bucket (`hour`/`day`/`week` in `timeZone`) and channel type. */
  volume(query: VolumeInput): Promise<{ items: VolumeBucket[] }>;
  /**
   * Every conversation created in the window, one row each, oldest first, fetched from the
   * store page by page (`pageSize` rows at a time) while you iterate, so any number of rows
   * streams in constant memory. Validation and capability errors throw at the call; the
   * permission check runs on the first read. Pipe it through `toCsv` for a CSV file.
   */
  exportConversations(query: ExportConversationsInput): AsyncIterable<ConversationExportRow>;
  /**
   * Per bot chatflow: sessions started in the window, how many completed, handed off, were
   * abandoned (no visitor input for `abandonAfterMinutes`, default 30, as of now) or still wait,
   * the duration of ended sessions, and per step how many sessions reached it and dropped off
   * there. `UNSUPPORTED` when the store cannot compute it (capabilities `analytics` and `bots`).
   */
  botPerformance(query: BotPerformanceInput): Promise<{ items: BotPerformance[] }>;
}

/** Builds the analytics API of a scope. */
export function analyticsService(scope: Scope): AnalyticsApi {
  const { workspaceId, runtime } = scope;

  function store(): AnalyticsStore {
    const { storage } = runtime;
    if (!storage.capabilities.analytics || !storage.analytics) {
      throw new UnsupportedError(`the "${storage.name}" store has no analytics capability (ws.analytics needs one)`);
    }
    return storage.analytics;
  }

  /** The inboxes a report covers: the query's inbox, narrowed to those the actor may see; `undefined` = every inbox. */
  async function inboxIdsOf(inboxId: string | undefined): Promise<string[] | undefined> {
    const visible = await scope.access.visibleInboxIds();
    const inboxIds = inboxId ? [inboxId] : undefined;
    return visible ? (inboxIds ?? visible).filter((id) => visible.includes(id)) : inboxIds;
  }

  /** The store filter: the query's filters, narrowed to the inboxes the actor may see. */
  async function filterOf(q: { from: number; to: number; inboxId?: string; teamId?: string; channelType?: string; tagId?: string }): Promise<AnalyticsFilter> {
    const inboxIds = await inboxIdsOf(q.inboxId);
    return {
      from: q.from,
      to: q.to,
      ...(inboxIds ? { inboxIds } : {}),
      ...(q.teamId ? { teamId: q.teamId } : {}),
      ...(q.channelType ? { channelType: q.channelType } : {}),
      ...(q.tagId ? { tagId: q.tagId } : {}),
    };
  }

  /** Users' working hours (those who have some), plus the inbox hours the caller passed. */
  async function businessHoursOf(option: boolean | { inboxes: BusinessHours['inboxes'] }): Promise<BusinessHours | null> {
    if (option === false) return null;
    const users = await scope.storage.records.list(workspaceId, 'user');
    const hours: BusinessHours = { users: {}, inboxes: option === true ? {} : option.inboxes };
    for (const user of users.items) if (user.workingHours) hours.users[user.id] = user.workingHours;
    return hours;
  }

  return {
    async repliesByAgent(query) {
      const analytics = store();
      const q = parseInput(repliesByAgentInput, query, 'repliesByAgent query');
      return { items: await analytics.repliesByAgent(workspaceId, await filterOf(q)) };
    },
    async responseTimes(query) {
      const analytics = store();
      const q = parseInput(responseTimesInput, query, 'responseTimes query');
      const [filter, businessHours] = await Promise.all([filterOf(q), businessHoursOf(q.businessHours)]);
      return { items: await analytics.responseTimes(workspaceId, { ...filter, groupBy: q.groupBy, businessHours }) };
    },
    async volume(query) {
      const analytics = store();
      const q = parseInput(volumeInput, query, 'volume query');
      const { from: _from, to: _to, ...filter } = await filterOf(q);
      const boundaries = bucketBoundaries(q.from, q.to, q.interval, q.timeZone);
      return { items: await analytics.volume(workspaceId, { ...filter, boundaries }) };
    },
    async botPerformance(query) {
      const analytics = store();
      if (!analytics.botPerformance) throw new UnsupportedError(`the "${runtime.storage.name}" store cannot compute bot performance (capability "bots")`);
      const q = parseInput(botPerformanceInput, query, 'botPerformance query');
      const inboxIds = await inboxIdsOf(q.inboxId);
      const abandonedBefore = runtime.clock.now() - q.abandonAfterMinutes * 60_000;
      const items = await analytics.botPerformance(workspaceId, {
        from: q.from,
        to: q.to,
        abandonedBefore,
        ...(q.chatflowId ? { chatflowId: q.chatflowId } : {}),
        ...(inboxIds ? { inboxIds } : {}),
      });
      return { items };
    },
    exportConversations(query) {
      const analytics = store();
      const q = parseInput(exportConversationsInput, query, 'exportConversations query');
      return {
        async *[Symbol.asyncIterator]() {
          const filter = await filterOf(q);
          let cursor: string | null = null;
          do {
            const page = await analytics.exportConversations(workspaceId, { ...filter, cursor, limit: q.pageSize });
            yield* page.items;
            cursor = page.nextCursor;
          } while (cursor !== null);
        },
      };
    },
  };
}
