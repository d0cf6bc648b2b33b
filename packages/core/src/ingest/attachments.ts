import type { Attachment, AttachmentInput } from '../domain/timeline.js';
import type { KitRuntime } from '../kit/runtime.js';

type ParsedAttachment = Required<Pick<AttachmentInput, 'filename' | 'content'>> & {
  contentType: string;
  contentId?: string | null;
};

/**
 * Puts attachment bytes in the `BlobStore` under `<prefix>/<index>-<filename>` and returns
 * their metadata for storage. Keys are deterministic so a retried ingest overwrites
 * rather than duplicates. String content is base64.
 */
export async function storeAttachments(runtime: KitRuntime, prefix: string, inputs: ParsedAttachment[]): Promise<Attachment[]> {
  return Promise.all(
    inputs.map(async (input, index) => {
      const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'base64') : input.content;
      const blobKey = `${prefix}/${index}-${input.filename.replace(/[^\w.-]+/g, '_')}`;
      await runtime.blobs.put(blobKey, new Uint8Array(bytes), { contentType: input.contentType });
      return {
        id: `${prefix.split('/').pop()}-att${index}`,
        filename: input.filename,
        contentType: input.contentType,
        size: bytes.byteLength,
        blobKey,
        contentId: input.contentId ?? null,
      };
    }),
  );
}
