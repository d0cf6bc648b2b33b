// Builders for raw test mail: the corpus is generated here (not shipped as .eml files) so each
// message's bytes — charsets, encodings, folding — are visible next to what it must produce.

/** Raw headers + body joined with CRLF. */
export function mail(headers: Record<string, string>, body: string | Buffer): Buffer {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body.replace(/\r?\n/gu, '\r\n'), 'utf8') : body]);
}

/** A basic message from a customer to support, with overridable headers. */
export function basic(n: number, overrides: Record<string, string> = {}, body: string | Buffer = `Message ${n}\r\n`): Buffer {
  return mail(
    {
      From: `Customer ${n} <c${n}@example.test>`,
      To: 'support@acme.test',
      Subject: `Case ${n}`,
      'Message-ID': `<corpus-${n}@example.test>`,
      Date: 'Tue, 01 Dec 2026 10:00:00 +0000',
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=utf-8',
      ...overrides,
    },
    body,
  );
}

/** A part of a multipart body. */
export interface Part {
  headers: Record<string, string>;
  body: string;
}

/** A multipart body with boundary `b` and the given parts. */
export function multipart(boundary: string, parts: Part[]): string {
  return (
    parts.map((p) => `--${boundary}\r\n${Object.entries(p.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${p.body}\r\n`).join('') +
    `--${boundary}--\r\n`
  );
}

/** Base64 wrapped at 76 columns. */
export const b64 = (data: Buffer | string) => (Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')).toString('base64').replace(/.{76}/gu, '$&\r\n');
