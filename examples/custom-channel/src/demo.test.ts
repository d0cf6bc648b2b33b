import { expect, it } from 'vitest';
import { runDemo } from './demo.js';

it('the demo texts in over the webhook and the reply reaches the provider', async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  expect(lines).toEqual([
    expect.stringMatching(/^register this webhook URL with the provider: http:\/\/127\.0\.0\.1:\d+\/sms\/.+\/inbound$/),
    'provider → webhook: HTTP 200',
    'reply sent; the provider sent: +4712345678 → +4798765432: Yes, 12–16.',
  ]);
});
