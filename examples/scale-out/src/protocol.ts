import type { InboundMessage } from '@inboxkit/core';

/** What the parent asks a worker to do (over the `fork` IPC channel). */
export type WorkerCommand =
  | { cmd: 'ingest'; messages: InboundMessage[]; concurrency: number }
  | { cmd: 'reply'; workspaceId: string; conversationId: string; authorId: string; text: string }
  | { cmd: 'stop' };

/** What a worker reports. */
export type WorkerReport =
  | { type: 'ready' }
  | { type: 'event'; id: string; seq: number; eventType: string; workspaceId: string; data: Record<string, unknown> }
  | { type: 'ingested'; externalId: string; status: string; duplicate: boolean; conversationId: string | null }
  | { type: 'ingest-done' }
  | { type: 'replied'; messageId: string; deliveryStatus: string }
  | { type: 'error'; message: string };
