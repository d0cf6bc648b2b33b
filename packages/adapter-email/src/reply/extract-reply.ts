import { findQuoteStart, findSignatureStart } from './quote-markers.js';

/** A message body split into the new text, the quoted history and the signature. */
export interface ExtractedReply {
  /** The new text the sender wrote (what the inbox shows by default). */
  reply: string;
  /** The quoted history, from its attribution line on (`''` when there is none). */
  quoted: string;
  /** The signature below the new text, when one was recognised. */
  signature?: string;
}

/**
 * Splits a plain-text email body into new text, quoted history and signature, for Gmail,
 * Outlook, Apple Mail, Yahoo, Thunderbird and mobile reply styles in English, German, French,
 * Spanish, Norwegian and Swedish (and a few more). Pure; the full body stays the message's `text`.
 * When everything is quoted (a bare forward), the reply is the whole body.
 */
export function extractReply(text: string): ExtractedReply {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const quoteStart = findQuoteStart(lines);
  const own = quoteStart === -1 ? lines : lines.slice(0, quoteStart);
  const quoted = quoteStart === -1 ? '' : lines.slice(quoteStart).join('\n').trim();
  const signatureStart = findSignatureStart(own);
  const body = signatureStart === -1 ? own : own.slice(0, signatureStart);
  const signature = signatureStart === -1 ? '' : own.slice(signatureStart).join('\n').trim();
  const reply = body.join('\n').trim();
  if (reply === '' && quoted !== '') return { reply: text.trim(), quoted: '' };
  return signature ? { reply, quoted, signature } : { reply, quoted };
}
