import EventEmitter from 'eventemitter3';
import type { EventType, InboxEvent } from '../domain/events.js';

/** Listener of one event type. */
export type EventListener<T extends EventType> = (event: InboxEvent<T>) => void;

/** The kit's fully typed event emitter (eventemitter3). `'*'` receives every event. */
export interface InboxEventEmitter {
  /** Subscribes to one event type. */
  on<T extends EventType>(type: T, listener: EventListener<T>): this;
  /** Subscribes to every event. */
  on(type: '*', listener: (event: InboxEvent) => void): this;
  /** Subscribes for the next event of a type only. */
  once<T extends EventType>(type: T, listener: EventListener<T>): this;
  /** Removes a listener. */
  off<T extends EventType>(type: T, listener: EventListener<T>): this;
  /** Removes a `'*'` listener. */
  off(type: '*', listener: (event: InboxEvent) => void): this;
}

/** Creates the emitter plus the kit-private `publish` that fans an event out. */
export function createEventEmitter(onListenerError: (error: unknown, event: InboxEvent) => void): {
  emitter: InboxEventEmitter;
  publish(event: InboxEvent): void;
} {
  const inner = new EventEmitter();
  const emitter: InboxEventEmitter = {
    on(type: string, listener: (event: InboxEvent) => void) {
      inner.on(type, listener);
      return emitter;
    },
    once(type: string, listener: (event: InboxEvent) => void) {
      inner.once(type, listener);
      return emitter;
    },
    off(type: string, listener: (event: InboxEvent) => void) {
      inner.off(type, listener);
      return emitter;
    },
  } as InboxEventEmitter;
  return {
    emitter,
    publish(event) {
      // A throwing listener must not break the state change that already committed.
      for (const name of [event.type, '*']) {
        for (const listener of inner.listeners(name)) {
          try {
            listener(event);
          } catch (error) {
            onListenerError(error, event);
          }
        }
      }
    },
  };
}
