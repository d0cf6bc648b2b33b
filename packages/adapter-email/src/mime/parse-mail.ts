import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '@inboxkit/core';
import { MailParser, type AddressObject, type AttachmentStream, type HeaderLines, type Headers, type MessageText } from 'mailparser';
import { streamAttachment, type AttachmentBudget, type SkippedAttachment, type StoredAttachment } from './attachment-sink.js';

/** Raw MIME as a Buffer, a string or a readable stream. */
export type RawSource = Buffer | Uint8Array | string | Readable;

/** One mailbox from an address header. */
export interface MailAddress {
  /** Lower-cased address. */
  address: string;
  /** Display name, `null` when absent. */
  name: string | null;
}

/** A parsed message: decoded headers and bodies, attachments already in the `BlobStore`. */
export interface ParsedEmail {
  /** Decoded headers (mailparser's map, lower-case names). */
  headers: Headers;
  /** Raw header lines, in order. */
  headerLines: HeaderLines;
  /** The `Message-ID` header (`<…>`), or `null`. */
  messageId: string | null;
  /** `messageId`, or a stable id hashed from the raw headers when it is missing. */
  externalId: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  subject: string | null;
  /** `Date` header as epoch ms, when present and valid. */
  date: number | null;
  /** `In-Reply-To` ids (`<…>`). */
  inReplyTo: string[];
  /** `References` ids (`<…>`), oldest first. */
  references: string[];
  /** Plain text body (from the HTML when there is no text part). */
  text: string;
  /** HTML body, unsanitized (core sanitizes before storing). */
  html: string | null;
  /** Attachments and inline parts put in the `BlobStore`. */
  attachments: StoredAttachment[];
  /** Parts not stored (over a limit), kept as metadata. */
  skippedAttachments: SkippedAttachment[];
  /** Text of report parts (`message/delivery-status`, `text/rfc822-headers`, `message/rfc822`), first 64 KB each. */
  reports: string[];
  /** Top-level content type, lower-cased, and its `report-type` parameter. */
  contentType: { value: string; reportType: string | null };
  /** What went wrong while parsing (malformed input); the message is still ingested as far as it was read. */
  problems: string[];
}

/** Where and how much to store while parsing. */
export interface ParseTarget {
  blobs: BlobStore;
  /** Blob key prefix for a message id; keys derive from it, so a redelivery overwrites. */
  blobPrefix(externalId: string): string;
  limits: AttachmentBudget;
}

const ids = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? (v.match(/<[^<>\s]+>/gu) ?? []) : []));

function addresses(value: unknown): MailAddress[] {
  const objects = (Array.isArray(value) ? value : value ? [value] : []) as AddressObject[];
  return objects
    .flatMap((o) => o.value ?? [])
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a): a is typeof a & { address: string } => typeof a.address === 'string' && a.address.includes('@'))
    .map((a) => ({ address: a.address.toLowerCase(), name: a.name?.trim() || null }));
}

/** A stable id for mail without a `Message-ID`: the same raw headers always give the same id. */
export function synthesizedMessageId(headerLines: HeaderLines | string): string {
  const input = typeof headerLines === 'string' ? headerLines : headerLines.map((h) => h.line).join('\r\n');
  return `<${createHash('sha256').update(input).digest('hex').slice(0, 40)}@synthesized.inboxkit>`;
}

/**
 * Parses raw MIME with mailparser's streaming parser: charsets and RFC 2047 words decoded,
 * each attachment streamed to the `BlobStore` as it is read (one copy in memory at a time),
 * parts over the limits recorded as skipped. Never rejects: malformed mail yields what
 * could be read plus `problems`.
 */
export function parseMail(source: RawSource, target: ParseTarget): Promise<ParsedEmail> {
  // Bytes are wrapped, never copied: a 25 MB message is not held twice.
  const input =
    typeof source === 'string'
      ? Readable.from([Buffer.from(source, 'utf8')])
      : source instanceof Uint8Array
        ? Readable.from([Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength)])
        : source;
  const parser = new MailParser({ keepDeliveryStatus: true, ignoreEmbedded: true, skipImageLinks: true, skipTextToHtml: true, checksumAlgo: false });
  const parsed: ParsedEmail = {
    headers: new Map(),
    headerLines: [],
    messageId: null,
    externalId: '',
    from: [], to: [], cc: [], replyTo: [],
    subject: null,
    date: null,
    inReplyTo: [],
    references: [],
    text: '',
    html: null,
    attachments: [],
    skippedAttachments: [],
    reports: [],
    contentType: { value: 'text/plain', reportType: null },
    problems: [],
  };
  const sourceHash = createHash('sha256');
  const budget = { used: 0, count: 0 };
  let prefix: string | null = null;

  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (!parsed.externalId) parsed.externalId = synthesizedMessageId(parsed.headerLines.length ? parsed.headerLines : sourceHash.digest('hex'));
      resolve(parsed);
    };
    input.on('data', (chunk: Buffer | string) => sourceHash.update(chunk));
    input.on('error', (error: Error) => {
      parsed.problems.push(`source: ${error.message}`);
      finish();
    });
    parser.on('headerLines', (lines: HeaderLines) => {
      parsed.headerLines = lines;
    });
    parser.on('headers', (headers: Headers) => {
      parsed.headers = headers;
      const messageId = ids(headers.get('message-id'))[0] ?? null;
      parsed.messageId = messageId;
      parsed.externalId = messageId ?? synthesizedMessageId(parsed.headerLines);
      prefix = target.blobPrefix(parsed.externalId);
      parsed.from = addresses(headers.get('from'));
      parsed.to = addresses(headers.get('to'));
      parsed.cc = addresses(headers.get('cc'));
      parsed.replyTo = addresses(headers.get('reply-to'));
      const subject = headers.get('subject');
      parsed.subject = typeof subject === 'string' ? subject : null;
      const date = headers.get('date');
      parsed.date = date instanceof Date && !Number.isNaN(date.getTime()) && headers.has('date') ? date.getTime() : null;
      parsed.inReplyTo = ids(headers.get('in-reply-to'));
      parsed.references = ids(headers.get('references'));
      const type = headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
      parsed.contentType = { value: (type?.value ?? 'text/plain').toLowerCase(), reportType: type?.params?.['report-type']?.toLowerCase() ?? null };
    });
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'text') {
        parsed.text = data.text ?? '';
        parsed.html = typeof data.html === 'string' ? data.html : null;
        return;
      }
      const keyPrefix = prefix ?? target.blobPrefix(parsed.externalId || 'unknown');
      streamAttachment(data, { blobs: target.blobs, keyPrefix, limits: target.limits, budget })
        .then((outcome) => {
          if (outcome.report !== null) parsed.reports.push(outcome.report);
          if (outcome.stored) parsed.attachments.push(outcome.stored);
          if (outcome.skipped) parsed.skippedAttachments.push(outcome.skipped);
        })
        .catch((error: Error) => parsed.problems.push(`attachment: ${error.message}`))
        .finally(() => data.release?.());
    });
    parser.on('error', (error: Error) => {
      parsed.problems.push(`mime: ${error.message}`);
      input.unpipe?.(parser);
      finish();
    });
    parser.on('end', finish);
    input.pipe(parser);
  });
}
