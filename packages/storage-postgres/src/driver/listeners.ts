/**
 * The listeners a driver started, so `close()` stops the ones still running. `track` returns
 * the stop function handed to callers: it stops the listener and forgets it.
 */
export function listenerSet() {
  const stops = new Set<() => Promise<void>>();
  return {
    track(stop: () => Promise<void>): () => Promise<void> {
      stops.add(stop);
      return async () => {
        stops.delete(stop);
        await stop();
      };
    },
    async stopAll(): Promise<void> {
      const running = [...stops];
      stops.clear();
      await Promise.all(running.map((stop) => stop()));
    },
  };
}
