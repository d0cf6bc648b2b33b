import type { WidgetEvents } from './types.js';

type Listener<K extends keyof WidgetEvents> = (payload: WidgetEvents[K]) => void;

/** A tiny typed emitter for the page's `on` / `off`; a throwing listener never breaks the widget. */
export function createEmitter() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    on<K extends keyof WidgetEvents>(event: K, fn: Listener<K>) {
      const set = listeners.get(event) ?? new Set();
      set.add(fn as (payload: unknown) => void);
      listeners.set(event, set);
    },
    off<K extends keyof WidgetEvents>(event: K, fn: Listener<K>) {
      listeners.get(event)?.delete(fn as (payload: unknown) => void);
    },
    emit<K extends keyof WidgetEvents>(event: K, payload: WidgetEvents[K]) {
      for (const fn of listeners.get(event) ?? []) {
        try {
          fn(payload);
        } catch (error) {
          console.error('[InboxKit chat] listener failed', error);
        }
      }
    },
  };
}
