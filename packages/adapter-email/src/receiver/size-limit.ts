import { Transform, type TransformCallback } from 'node:stream';

/** Error raised when a message grows past the receiver's size limit. */
export class MessageTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`message exceeds the ${limit}-byte limit`);
    this.name = 'MessageTooLargeError';
  }
}

/**
 * A pass-through that fails once more than `limit` bytes went through. The SMTP SIZE
 * extension only covers clients that declare a size; this catches the others mid-stream,
 * before the intake has buffered more than the limit.
 */
export function sizeLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) callback(new MessageTooLargeError(limit));
      else callback(null, chunk);
    },
  });
}
