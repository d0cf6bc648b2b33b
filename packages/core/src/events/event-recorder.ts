import type { EventDataMap, EventType, NewEvent } from '../domain/events.js';
import type { Clock } from '../runtime/clock.js';
import type { IdGenerator } from '../runtime/ids.js';

/** Collects the events of one state change; they are appended in the same transaction. */
export class EventRecorder {
  readonly pending: NewEvent[] = [];

  constructor(
    private readonly workspaceId: string,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Records an event of the current state change. */
  record<T extends EventType>(type: T, data: EventDataMap[T]): void {
    this.pending.push({ id: this.ids.next('evt'), type, workspaceId: this.workspaceId, at: this.clock.now(), data } as NewEvent);
  }
}
