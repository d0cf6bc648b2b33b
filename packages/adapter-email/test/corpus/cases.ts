import { expect } from 'vitest';
import type { Message } from '@inboxkit/core';
import type { RawIngestResult } from '../../src/index.js';
import { b64, basic, mail, multipart } from './build.js';
import type { CorpusKit } from './harness.js';

/** One corpus message: how to build it (maybe after earlier mail) and what it must become. */
export interface CorpusCase {
  name: string;
  /** Mail ingested first (the thread it answers), each into the email channel. */
  before?: (k: CorpusKit) => Promise<void>;
  raw: (k: CorpusKit) => Buffer | Promise<Buffer>;
  check: (result: RawIngestResult, k: CorpusKit) => Promise<void> | void;
}

const accepted = (r: RawIngestResult) => {
  if (r.status !== 'accepted') throw new Error(`expected accepted, got ${r.status}${'reason' in r ? `: ${r.reason}` : ''}`);
  return r;
};
const text = (r: RawIngestResult) => accepted(r).message.text;
const skipped = (reason: RegExp) => async (r: RawIngestResult, k: CorpusKit) => {
  expect(r.status).toBe('skipped');
  if (r.status !== 'skipped') return;
  expect(r.reason).toMatch(reason);
  expect((await k.ws.conversations.list()).items).toHaveLength(0);
  const events = (await k.ws.events.read({ limit: 200 })).items.filter((e) => e.type === 'message.skipped');
  expect(events.map((e) => (e.data as { reason: string }).reason)).toEqual([r.reason]);
};
const into = (k: CorpusKit, raw: Buffer) => k.email.ingestRaw(raw, { channelId: k.channel.id });
const first = async (k: CorpusKit): Promise<void> => void accepted(await into(k, basic(1)));
const sameConversation = (n: number) => async (r: RawIngestResult, k: CorpusKit) => {
  const list = await k.ws.conversations.list();
  expect(list.items).toHaveLength(n);
  expect(accepted(r).created).toBe(n > 1);
};
const reply = (headers: Record<string, string>, body: string) =>
  basic(2, { From: 'Customer 1 <c1@example.test>', Subject: 'Re: Case 1', 'In-Reply-To': '<corpus-1@example.test>', ...headers }, body);
const visible = (expected: string) => (r: RawIngestResult) => {
  const message = accepted(r).message;
  expect(message.visibleText).toBe(expected);
  expect(message.text.length).toBeGreaterThan(expected.length); // the full original is kept
};

const pdf = Buffer.from('%PDF-1.4\n' + 'x'.repeat(2000));
const attachmentPart = (name: string, bytes: Buffer, type = 'application/pdf') => ({
  headers: { 'Content-Type': `${type}; name="${name}"`, 'Content-Disposition': `attachment; filename="${name}"`, 'Content-Transfer-Encoding': 'base64' },
  body: b64(bytes),
});
const withAttachments = (n: number, parts: ReturnType<typeof attachmentPart>[]) =>
  basic(n, { 'Content-Type': 'multipart/mixed; boundary="mix"' }, multipart('mix', [{ headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'See attached.' }, ...parts]));

async function sentMessage(k: CorpusKit): Promise<Message> {
  const inbound = await k.kit.ingest({ workspaceId: k.channel.workspaceId, channelId: k.testChannel.id, externalId: 'seed', from: { email: 'c9@example.test' }, text: 'hi' });
  if (inbound.status !== 'accepted') throw new Error('seed');
  return k.ws.conversations.reply(inbound.conversation.id, { authorId: k.agent.id, text: 'Our answer' });
}
const dsn = (originalId: string) =>
  basic(
    70,
    { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.test>', Subject: 'Undelivered Mail Returned to Sender', 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="r"' },
    multipart('r', [
      { headers: { 'Content-Type': 'text/plain' }, body: 'This is the mail system. Your message could not be delivered.' },
      { headers: { 'Content-Type': 'message/delivery-status' }, body: 'Reporting-MTA: dns; mx.example.test\r\n\r\nFinal-Recipient: rfc822; gone@example.test\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown' },
      { headers: { 'Content-Type': 'text/rfc822-headers' }, body: `From: support@acme.test\r\nTo: gone@example.test\r\nMessage-ID: ${originalId}\r\nSubject: Our answer` },
    ]),
  );

/** The corpus: encodings, structures, reply styles, threading, loops, bounces and malformed mail. */
export const corpus: CorpusCase[] = [
  // — encodings —
  { name: 'plain ASCII', raw: () => basic(1), check: (r) => expect(accepted(r).message).toMatchObject({ text: expect.stringMatching(/^Message 1\s*$/u), externalId: '<corpus-1@example.test>' }) },
  { name: 'ISO-8859-1 quoted-printable', raw: () => basic(3, { 'Content-Type': 'text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding': 'quoted-printable' }, 'Gr=FC=DFe aus K=F6ln'), check: (r) => expect(text(r)).toBe('Grüße aus Köln') },
  { name: 'ISO-8859-1 8bit', raw: () => basic(4, { 'Content-Type': 'text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding': '8bit' }, Buffer.from('Très élevé', 'latin1')), check: (r) => expect(text(r)).toBe('Très élevé') },
  { name: 'windows-1252 smart quotes and euro', raw: () => basic(5, { 'Content-Type': 'text/plain; charset=windows-1252', 'Content-Transfer-Encoding': '8bit' }, Buffer.from([0x93, 0x6f, 0x6b, 0x94, 0x20, 0x80, 0x35])), check: (r) => expect(text(r)).toBe('\u201cok\u201d €5') },
  { name: 'UTF-8 base64 with emoji', raw: () => basic(6, { 'Content-Transfer-Encoding': 'base64' }, b64('Hei på deg 😀')), check: (r) => expect(text(r)).toBe('Hei på deg 😀') },
  { name: 'UTF-8 quoted-printable', raw: () => basic(7, { 'Content-Transfer-Encoding': 'quoted-printable' }, '=C3=86rlig talt =E2=80=93 s=C3=B8t'), check: (r) => expect(text(r)).toBe('Ærlig talt – søt') },
  { name: 'Shift_JIS', raw: () => basic(8, { 'Content-Type': 'text/plain; charset=Shift_JIS', 'Content-Transfer-Encoding': 'base64' }, b64(Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd]))), check: (r) => expect(text(r)).toBe('こんにちは') },
  { name: 'KOI8-R', raw: () => basic(9, { 'Content-Type': 'text/plain; charset=koi8-r', 'Content-Transfer-Encoding': '8bit' }, Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4])), check: (r) => expect(text(r)).toBe('Привет') },
  { name: 'RFC 2047 B-encoded UTF-8 subject', raw: () => basic(10, { Subject: `=?UTF-8?B?${Buffer.from('Gruß 😀').toString('base64')}?=` }), check: (r) => expect(accepted(r).conversation.subject).toBe('Gruß 😀') },
  { name: 'RFC 2047 Q-encoded ISO-8859-1 subject', raw: () => basic(11, { Subject: '=?ISO-8859-1?Q?Hilfe_aus_K=F6ln?=' }), check: (r) => expect(accepted(r).conversation.subject).toBe('Hilfe aus Köln') },
  { name: 'RFC 2047 sender name', raw: () => basic(12, { From: '=?UTF-8?Q?J=C3=B8rgen_Bj=C3=B8rn?= <jorgen@example.test>' }), check: (r) => expect(accepted(r).contact).toMatchObject({ name: 'Jørgen Bjørn', email: 'jorgen@example.test' }) },
  { name: 'folded long subject', raw: () => basic(13, { Subject: 'A very long subject\r\n  that was folded' }), check: (r) => expect(accepted(r).conversation.subject).toBe('A very long subject that was folded') },
  // — structure —
  {
    name: 'multipart/alternative: text kept, html sanitized',
    raw: () => basic(20, { 'Content-Type': 'multipart/alternative; boundary="alt"' }, multipart('alt', [
      { headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Plain version' },
      { headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<p onclick="x()">HTML <b>version</b></p><script>steal()</script>' },
    ])),
    check: (r) => expect(accepted(r).message).toMatchObject({ text: 'Plain version', html: '<p>HTML <b>version</b></p>' }),
  },
  {
    name: 'html only: text derived from the html',
    raw: () => basic(21, { 'Content-Type': 'text/html; charset=utf-8' }, '<html><body><p>Only <i>HTML</i> here</p></body></html>'),
    check: (r) => {
      expect(text(r)).toContain('Only HTML here');
      expect(accepted(r).message.html).toContain('<p>Only <i>HTML</i> here</p>');
    },
  },
  {
    name: 'inline image (multipart/related, cid)',
    raw: () => basic(22, { 'Content-Type': 'multipart/related; boundary="rel"' }, multipart('rel', [
      { headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<p>Logo: <img src="cid:logo@acme"></p>' },
      { headers: { 'Content-Type': 'image/png', 'Content-ID': '<logo@acme>', 'Content-Disposition': 'inline; filename="logo.png"', 'Content-Transfer-Encoding': 'base64' }, body: b64(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])) },
    ])),
    check: async (r, k) => {
      const m = accepted(r).message;
      expect(m.html).toContain('src="cid:logo@acme"');
      expect(m.attachments).toEqual([expect.objectContaining({ filename: 'logo.png', contentType: 'image/png', contentId: 'logo@acme', size: 7 })]);
      expect((m.metadata.email as { inline: string[] }).inline).toEqual(['logo@acme']);
      expect(Buffer.from((await k.blobs.get(m.attachments[0]!.blobKey))!)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    },
  },
  {
    name: 'attachment streamed to the blob store',
    raw: () => withAttachments(23, [attachmentPart('invoice.pdf', pdf)]),
    check: async (r, k) => {
      const [a] = accepted(r).message.attachments;
      expect(a).toMatchObject({ filename: 'invoice.pdf', contentType: 'application/pdf', size: pdf.length });
      expect(a!.blobKey.startsWith(`${k.channel.workspaceId}/`)).toBe(true);
      expect(Buffer.from((await k.blobs.get(a!.blobKey))!)).toEqual(pdf);
    },
  },
  {
    name: 'RFC 2231 UTF-8 attachment filename',
    raw: () => basic(24, { 'Content-Type': 'multipart/mixed; boundary="m"' }, multipart('m', [
      { headers: { 'Content-Type': 'text/plain' }, body: 'cv' },
      { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", 'Content-Transfer-Encoding': 'base64' }, body: b64(pdf) },
    ])),
    check: (r) => expect(accepted(r).message.attachments[0]?.filename).toBe('résumé.pdf'),
  },
  {
    name: 'oversize attachment: skipped as metadata, message ingested',
    raw: () => withAttachments(25, [attachmentPart('small.pdf', pdf), attachmentPart('huge.bin', Buffer.alloc(120_000, 7), 'application/octet-stream')]),
    check: (r) => {
      const m = accepted(r).message;
      expect(m.attachments.map((a) => a.filename)).toEqual(['small.pdf']);
      expect((m.metadata.email as { skippedAttachments: unknown[] }).skippedAttachments).toEqual([
        expect.objectContaining({ filename: 'huge.bin', reason: 'attachment-too-large', size: 120_000 }),
      ]);
    },
  },
  {
    name: 'total attachment size over the limit: later parts skipped',
    raw: () => withAttachments(26, [attachmentPart('a.bin', Buffer.alloc(80_000, 1)), attachmentPart('b.bin', Buffer.alloc(80_000, 2))]),
    check: (r) => {
      const m = accepted(r).message;
      expect(m.attachments.map((a) => a.filename)).toEqual(['a.bin']);
      expect((m.metadata.email as { skippedAttachments: Array<{ reason: string }> }).skippedAttachments[0]?.reason).toBe('attachments-total-too-large');
    },
  },
  {
    name: 'too many attachments: the rest skipped',
    raw: () => withAttachments(27, ['1', '2', '3', '4'].map((n) => attachmentPart(`${n}.txt`, Buffer.from(n), 'text/csv'))),
    check: (r) => {
      const m = accepted(r).message;
      expect(m.attachments.map((a) => a.filename)).toEqual(['1.txt', '2.txt', '3.txt']);
      expect((m.metadata.email as { skippedAttachments: Array<{ reason: string }> }).skippedAttachments.map((s) => s.reason)).toEqual(['too-many-attachments']);
    },
  },
  // — reply styles: visibleText is the new part, text the full body —
  { name: 'Gmail reply (en)', before: first, raw: () => reply({}, 'Works now!\r\n\r\nOn Tue, 1 Dec 2026 at 10:00, Kari <kari@acme.test> wrote:\r\n> Restart it.'), check: visible('Works now!') },
  { name: 'Outlook reply (de)', before: first, raw: () => reply({}, 'Danke!\r\n\r\nVon: Kari <kari@acme.test>\r\nGesendet: Dienstag, 1. Dezember 2026 10:00\r\nAn: c1@example.test\r\n\r\nNeu starten.'), check: visible('Danke!') },
  { name: 'Outlook reply (fr)', before: first, raw: () => reply({}, 'Merci !\r\n\r\nDe : Kari <kari@acme.test>\r\nEnvoyé : mardi 1 décembre 2026 10:00\r\n\r\nRedémarrez.'), check: visible('Merci !') },
  { name: 'Apple Mail reply with iPhone signature', before: first, raw: () => reply({}, 'Great\r\n\r\nSent from my iPhone\r\n\r\n> On 1 Dec 2026, at 10:00, Kari <kari@acme.test> wrote:\r\n> Restart it.'), check: visible('Great') },
  { name: 'Gmail reply (no)', before: first, raw: () => reply({}, 'Takk!\r\n\r\ntir. 1. des. 2026 kl. 10:00 skrev Kari <kari@acme.test>:\r\n> Start på nytt.'), check: visible('Takk!') },
  { name: 'Outlook reply (sv)', before: first, raw: () => reply({}, 'Tack!\r\n\r\nFrån: Kari <kari@acme.test>\r\nSkickat: den 1 december 2026 10:00\r\n\r\nStarta om.'), check: visible('Tack!') },
  { name: 'Gmail reply (es)', before: first, raw: () => reply({}, '¡Gracias!\r\n\r\nEl mar, 1 dic 2026 a las 10:00, Kari (<kari@acme.test>) escribió:\r\n> Reinicie.'), check: visible('¡Gracias!') },
  { name: 'signature delimiter', raw: () => basic(30, {}, 'Help please\r\n-- \r\nAnn, ACME'), check: visible('Help please') },
  // — threading —
  { name: 'In-Reply-To threads into the conversation', before: first, raw: () => reply({}, 'More info'), check: sameConversation(1) },
  { name: 'References (no In-Reply-To) thread too', before: first, raw: () => basic(31, { From: 'c1@example.test', 'References': '<unknown@x.test> <corpus-1@example.test>' }), check: sameConversation(1) },
  {
    name: 'reply token in the plus-address threads without headers',
    before: first,
    raw: async (k) => {
      const [conversation] = (await k.ws.conversations.list()).items;
      const token = `${conversation!.id}.${(await k.kit.workspace(k.channel.workspaceId).conversations.get(conversation!.id)).replyToken}`;
      return basic(32, { From: 'c1@example.test', To: `support+${token}@acme.test`, Subject: 'something else' });
    },
    check: sameConversation(1),
  },
  { name: 'a forward from a new sender starts a new conversation', before: first, raw: () => basic(33, { From: 'boss@example.test', Subject: 'Fwd: Case 1', References: '<corpus-1@example.test>' }), check: sameConversation(2) },
  { name: 'an unknown In-Reply-To starts a new conversation', before: first, raw: () => basic(34, { 'In-Reply-To': '<nobody@x.test>' }), check: sameConversation(2) },
  { name: 'the same Message-ID twice is a duplicate', before: first, raw: () => basic(1), check: (r) => expect(accepted(r).duplicate).toBe(true) },
  {
    name: 'missing Message-ID: a stable synthesized id, redelivery is a duplicate',
    before: async (k) => void (await into(k, mail({ From: 'c35@example.test', Subject: 'no id', Date: 'Tue, 01 Dec 2026 10:00:00 +0000' }, 'x'))),
    raw: () => mail({ From: 'c35@example.test', Subject: 'no id', Date: 'Tue, 01 Dec 2026 10:00:00 +0000' }, 'x'),
    check: (r) => {
      expect(accepted(r).duplicate).toBe(true);
      expect(accepted(r).message.externalId).toMatch(/^<[0-9a-f]{40}@synthesized\.inboxkit>$/u);
    },
  },
  // — loops and noise —
  { name: 'Auto-Submitted: auto-replied', raw: () => basic(40, { 'Auto-Submitted': 'auto-replied' }), check: skipped(/^auto-submitted: auto-replied$/u) },
  { name: 'Auto-Submitted: no is a person', raw: () => basic(41, { 'Auto-Submitted': 'no' }), check: (r) => expect(r.status).toBe('accepted') },
  { name: 'Precedence: bulk', raw: () => basic(42, { Precedence: 'bulk' }), check: skipped(/precedence: bulk/u) },
  { name: 'Precedence: junk', raw: () => basic(43, { Precedence: 'junk' }), check: skipped(/precedence: junk/u) },
  { name: 'X-Autoreply', raw: () => basic(44, { 'X-Autoreply': 'yes' }), check: skipped(/x-autoreply/u) },
  { name: 'X-Autorespond', raw: () => basic(45, { 'X-Autorespond': 'Out of office' }), check: skipped(/x-autorespond/u) },
  { name: 'List-Id', raw: () => basic(46, { 'List-Id': 'News <news.example.test>' }), check: skipped(/mailing list/u) },
  { name: 'mail from our own address', raw: () => basic(47, { From: 'Support <SUPPORT@acme.test>' }), check: skipped(/own address/u) },
  {
    name: 'DSN bounce for a message we sent marks it failed',
    raw: async (k) => dsn(`<${(await sentMessage(k)).externalId}>`),
    check: async (r, k) => {
      expect(r.status).toBe('skipped');
      if (r.status !== 'skipped') return;
      expect(r.reason).toMatch(/5\.1\.1.*550 5\.1\.1 user unknown.*gone@example\.test/u);
      expect(r.bounce?.failedMessageIds).toHaveLength(1);
      const sent = (await k.ws.conversations.timeline((await k.ws.conversations.list()).items[0]!.id)).items.find((i) => i.kind === 'message' && i.direction === 'outgoing');
      expect(sent).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringMatching(/user unknown/u) });
      expect((await k.ws.conversations.list()).items).toHaveLength(1); // the bounce opened nothing
    },
  },
  { name: 'DSN for an unknown message', raw: () => dsn('<never-sent@acme.test>'), check: async (r) => expect(r.status === 'skipped' && r.bounce).toEqual({ originalIds: ['<never-sent@acme.test>'], failedMessageIds: [] }) },
  { name: 'plain-text mailer-daemon bounce', raw: () => basic(48, { From: 'postmaster@example.test', Subject: 'failure notice' }, 'Sorry, we were unable to deliver your message.'), check: skipped(/^bounce: bounce from postmaster@example\.test: failure notice$/u) },
  // — malformed —
  { name: 'no From, Reply-To used', raw: () => mail({ 'Reply-To': 'replyto@example.test', Subject: 'x', 'Message-ID': '<m50@x.test>' }, 'body'), check: (r) => expect(accepted(r).contact.email).toBe('replyto@example.test') },
  { name: 'no sender at all', raw: () => mail({ Subject: 'x', 'Message-ID': '<m51@x.test>' }, 'body'), check: skipped(/no valid sender/u) },
  { name: 'garbage bytes', raw: () => Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13, 10, 0x80]), check: skipped(/no valid sender/u) },
  { name: 'invalid From address', raw: () => basic(52, { From: 'not an address' }), check: skipped(/no valid sender/u) },
  { name: 'unterminated multipart', raw: () => basic(53, { 'Content-Type': 'multipart/mixed; boundary="cut"' }, '--cut\r\nContent-Type: text/plain\r\n\r\nhalf a message'), check: (r) => expect(text(r)).toContain('half a message') },
  { name: 'unknown charset', raw: () => basic(54, { 'Content-Type': 'text/plain; charset=x-made-up' }, 'still readable'), check: (r) => expect(text(r)).toContain('still readable') },
  { name: 'invalid Date: received now', raw: () => basic(55, { Date: 'yesterday-ish' }), check: (r, k) => expect(accepted(r).message.createdAt).toBe(k.clock.now()) },
  { name: 'broken base64 body', raw: () => basic(56, { 'Content-Transfer-Encoding': 'base64' }, 'SGVsbG8*** garbage'), check: (r) => expect(text(r)).toMatch(/^Hello/u) },
  { name: 'subject over core\'s limit is clipped', raw: () => basic(57, { Subject: 's'.repeat(2000) }), check: (r) => expect(accepted(r).conversation.subject).toHaveLength(1000) },
];
