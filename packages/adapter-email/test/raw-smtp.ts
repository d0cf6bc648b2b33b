/** A bare SMTP client over TCP, for protocol-level checks nodemailer would smooth over (no SIZE declared, exact replies). */
import { Socket } from 'node:net';

export interface RawSmtp {
  /** Sends one command line and resolves with the server's (last) reply line. */
  command(line: string): Promise<string>;
  /** Sends DATA content (dot-terminated for you) and resolves with the reply. */
  data(content: string): Promise<string>;
  close(): void;
}

export async function rawSmtp(port: number): Promise<RawSmtp> {
  const socket = new Socket();
  let buffer = '';
  const waiting: ((line: string) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let index;
    while ((index = buffer.indexOf('\r\n')) !== -1) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 2);
      // Multi-line replies use "250-…" until the final "250 …".
      if (/^\d{3} /.test(line)) waiting.shift()?.(line);
    }
  });
  socket.on('error', () => undefined);
  const reply = () => new Promise<string>((resolve) => waiting.push(resolve));
  const greeting = reply();
  await new Promise<void>((resolve, reject) => socket.connect(port, '127.0.0.1', resolve).once('error', reject));
  await greeting;
  return {
    command(line) {
      const next = reply();
      socket.write(`${line}\r\n`);
      return next;
    },
    data(content) {
      const next = reply();
      socket.write(`${content.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.\r\n`);
      return next;
    },
    close: () => socket.destroy(),
  };
}
