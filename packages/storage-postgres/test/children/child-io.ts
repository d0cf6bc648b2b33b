import { createInterface } from 'node:readline';
import type { ChildMessage } from '../helpers/processes.js';

/** Prints one JSON line for the parent test. */
export function tell(message: ChildMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Resolves when the parent sends `line` on stdin (a start signal shared by all children). */
export function waitForParent(line: string): Promise<void> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (received) => {
      if (received.trim() === line) {
        lines.close();
        resolve();
      }
    });
  });
}

/** Runs `cleanup` and exits on SIGTERM (the parent's normal way to stop a child). */
export function onStop(cleanup: () => Promise<void>): void {
  process.once('SIGTERM', () => {
    void cleanup().finally(() => process.exit(0));
  });
}

/** Reports a crash to the parent before dying. */
export function fail(error: unknown): never {
  tell({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
