import type { BlobStore } from '@inboxkit/core';
import type { AttachmentStream } from 'mailparser';

/** Attachment size and count limits of one message. */
export interface AttachmentBudget {
  /** Largest single attachment, bytes. */
  attachmentBytes: number;
  /** Largest total of one message's stored attachments, bytes. */
  totalAttachmentBytes: number;
  /** Most attachments stored per message. */
  attachments: number;
}

/** An attachment whose bytes are in the `BlobStore`: core's stored attachment input. */
export interface StoredAttachment {
  blobKey: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  /** Inline part of the HTML (`cid:`), not a download. */
  inline: boolean;
}

/** A part that was not stored, and why. */
export interface SkippedAttachment {
  filename: string;
  contentType: string;
  /** Bytes read before giving up (at least the limit + 1 when over a size limit). */
  size: number;
  reason: 'attachment-too-large' | 'attachments-total-too-large' | 'too-many-attachments';
}

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/rfc822']);
const REPORT_BYTES = 64 * 1024;

const safeName = (name: string) => name.replace(/[^\w.-]+/gu, '_').slice(0, 100) || 'part';

/**
 * Reads one attachment stream: keeps its bytes only while within the limits (so an oversize
 * part is drained, never held), then puts them in the `BlobStore` under
 * `<keyPrefix>/<n>-<filename>`. Report parts also yield their first 64 KB as text for bounce
 * detection.
 */
export async function streamAttachment(
  part: AttachmentStream,
  options: { blobs: BlobStore; keyPrefix: string; limits: AttachmentBudget; budget: { used: number; count: number } },
): Promise<{ stored: StoredAttachment | null; skipped: SkippedAttachment | null; report: string | null }> {
  const { limits, budget } = options;
  const contentType = (part.contentType || 'application/octet-stream').toLowerCase();
  const filename = part.filename?.trim() || `${REPORT_TYPES.has(contentType) ? 'report' : 'attachment'}-${budget.count + 1}`;
  const isReport = REPORT_TYPES.has(contentType);
  const chunks: Buffer[] = [];
  let size = 0;
  let reason: SkippedAttachment['reason'] | null = budget.count >= limits.attachments ? 'too-many-attachments' : null;
  let report = '';
  for await (const chunk of part.content as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (isReport && report.length < REPORT_BYTES) report += chunk.toString('utf8').slice(0, REPORT_BYTES - report.length);
    if (reason) continue;
    if (size > limits.attachmentBytes) reason = 'attachment-too-large';
    else if (budget.used + size > limits.totalAttachmentBytes) reason = 'attachments-total-too-large';
    if (reason) chunks.length = 0; // drop what was kept; the rest is drained unseen
    else chunks.push(chunk);
  }
  const reportText = isReport ? report : null;
  if (reason) return { stored: null, skipped: { filename, contentType, size, reason }, report: reportText };
  budget.count += 1;
  budget.used += size;
  const blobKey = `${options.keyPrefix}/${budget.count}-${safeName(filename)}`;
  const bytes = Buffer.concat(chunks, size);
  chunks.length = 0; // the parts can go before the store copies or writes the whole
  await options.blobs.put(blobKey, bytes, { contentType });
  const contentId = part.cid ?? part.contentId?.replace(/^<|>$/gu, '') ?? null;
  return {
    stored: { blobKey, filename, contentType, size, contentId, inline: Boolean(part.related) || part.contentDisposition === 'inline' },
    skipped: null,
    report: reportText,
  };
}
