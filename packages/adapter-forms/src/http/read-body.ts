import { HttpError } from './http-error.js';

const tooLarge = (max: number) => new HttpError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${max} bytes`);

/** Refuses a declared `Content-Length` over `max` (or a malformed one) before any byte is read. */
export function checkDeclaredLength(request: Request, max: number): void {
  const declared = request.headers.get('content-length');
  if (declared === null) return;
  if (!/^\d{1,15}$/.test(declared.trim())) throw new HttpError(400, 'BAD_REQUEST', 'invalid Content-Length');
  if (Number(declared) > max) throw tooLarge(max);
}

/**
 * Reads a request body of at most `max` bytes. A declared `Content-Length` over the limit is
 * refused before reading anything; otherwise the stream is counted chunk by chunk and cancelled
 * the moment it passes the limit, so an oversize body is never held whole.
 */
export async function readBody(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  checkDeclaredLength(request, max);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'the body could not be read');
    }
    if (result.done) break;
    size += result.value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(result.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
