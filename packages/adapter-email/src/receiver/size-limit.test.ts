import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { MessageTooLargeError, sizeLimit } from './size-limit.js';

async function collect(chunks: string[], limit: number): Promise<string> {
  let out = '';
  await pipeline(
    Readable.from(chunks.map((c) => Buffer.from(c))),
    sizeLimit(limit),
    new Writable({
      write(chunk: Buffer, _e, cb) {
        out += chunk.toString();
        cb();
      },
    }),
  );
  return out;
}

describe('sizeLimit', () => {
  it('passes messages up to the limit through unchanged', async () => {
    expect(await collect(['abc', 'def'], 6)).toBe('abcdef');
  });

  it('fails as soon as the limit is crossed', async () => {
    await expect(collect(['abc', 'def', 'g'], 6)).rejects.toBeInstanceOf(MessageTooLargeError);
  });
});
