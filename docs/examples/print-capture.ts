import { format } from 'node:util';
import { vi } from 'vitest';

/** Runs a docs program (a module that prints as it goes) and returns the lines it printed. */
export async function runPrinting(load: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
  try {
    await load();
  } finally {
    spy.mockRestore();
  }
  return lines;
}
