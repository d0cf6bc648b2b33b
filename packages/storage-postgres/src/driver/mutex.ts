/**
 * Runs tasks one at a time, in call order. A single connection (a given `pg.Client`, or
 * PGlite) can hold one transaction at a time, and a statement sent while one is open would
 * silently join it; the mutex keeps every other caller out until it ends.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => task());
    // The next task waits for this one whatever its outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
