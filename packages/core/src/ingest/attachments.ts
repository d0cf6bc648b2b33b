import type { z } from 'zod';
import type { Attachment, attachmentInput } from '../domain/timeline.js';
import { ValidationError } from '../errors/validation-error.js';
import type { KitRuntime } from '../kit/runtime.js';

type ParsedAttachment = z.output<typeof attachmentInput>;

/**
 * Puts attachment bytes in the `BlobStore` under `<prefix>/<index>-<filename>` and returns
 * their metadata for storage. Keys are deterministic so a retried ingest overwrites
 * rather than duplicates. String content is base64. Already-stored blobs (`blobKey`) are
 * referenced as they are, but only inside `workspaceId`: a key elsewhere is `VALIDATION`
 * (it would hand another tenant's bytes to this one).
 */
export async function storeAttachments(
  runtime: KitRuntime,
  workspaceId: string,
  prefix: string,
  inputs: ParsedAttachment[],
): Promise<Attachment[]> {
  inputs.forEach((input, index) => {
    if ('blobKey' in input && !input.blobKey.startsWith(`${workspaceId}/`)) {
      throw new ValidationError('attachments', [{ path: `attachments[${index}].blobKey`, message: 'must lie under the message\'s workspace' }]);
    }
  });
  return Promise.all(
    inputs.map(async (input, index) => {
      const id = `${prefix.split('/').pop()}-att${index}`;
      const contentId = input.contentId ?? null;
      if ('blobKey' in input) {
        return { id, filename: input.filename, contentType: input.contentType, size: input.size, blobKey: input.blobKey, contentId };
      }
      const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'base64') : input.content;
      const blobKey = `${prefix}/${index}-${input.filename.replace(/[^\w.-]+/g, '_')}`;
      await runtime.blobs.put(blobKey, new Uint8Array(bytes), { contentType: input.contentType });
      return { id, filename: input.filename, contentType: input.contentType, size: bytes.byteLength, blobKey, contentId };
    }),
  );
}
