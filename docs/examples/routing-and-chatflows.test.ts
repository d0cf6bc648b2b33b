// The snippets of docs/routing-and-filters.md and docs/channels/chat.md, run as written and checked.
import { expect, it } from 'vitest';
import { runPrinting } from './print-capture.js';

it('routing, filters and chatflow matching behave as the pages describe', async () => {
  const lines = await runPrinting(() => import('./routing-and-chatflows.js'));
  expect(lines.slice(0, -1)).toEqual([
    'assignees: Kari, Kari, unassigned', // least-open, Ola away, capacity 2
    'waiting conversations after Ola is back: 0',
    'filtered: filtered sender domain mx.spam.example matches *.spam.example',
    'spam view: 1 filter spam',
    'after release, spam view: 0',
    'match: true excluded: true',
  ]);
  expect(lines.at(-1)).toMatch(/^explanation: \{"outcome":"no-match"/);
});
