import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README quickstart', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the example program, line for line, and twenty lines long', () => {
    expect(readme).toContain('```ts\n' + source + '```');
    expect(source.trimEnd().split('\n')).toHaveLength(20);
  });

  it('runs on the in-memory store and prints the conversation it worked', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    await import('./index.js');
    expect(lines.filter((l) => l.startsWith('event ')).map((l) => l.split(' ')[2])).toEqual([
      'workspace.created', 'user.created', 'inbox.created', 'channel.connected', 'contact.created', 'conversation.created',
      // Replying follows the conversation (`conversation.followed`, in the reply's transaction).
      'message.received', 'conversation.assigned', 'message.sent', 'conversation.followed', 'message.delivery.changed',
      'conversation.status.changed',
    ]);
    expect(lines).toContain('  → to nora@customer.example from Kari Nordmann: Sorry about that, it ships today!');
    expect(lines.filter((l) => l.startsWith('timeline '))).toEqual([
      'timeline message: Hi! My order is late.',
      'timeline message: Sorry about that, it ships today!',
    ]);
    expect(lines.at(-1)).toMatch(/^inbox "Support" receives email at support-[0-9a-z]{8}@in\.example\.com$/);
  });
});
