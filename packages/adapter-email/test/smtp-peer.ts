/**
 * A real SMTP peer for the sending tests: `smtp-server` on 127.0.0.1 playing the remote MTA,
 * recording every message it accepts (envelope + raw source + parsed headers). It can be told
 * to refuse the next messages with a given SMTP status, to test failure handling.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the peer accepted. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  /** The login the sender used, if it authenticated. */
  user: string | null;
}

/** A running SMTP peer. */
export interface SmtpPeer {
  readonly host: string;
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Resolves once `count` messages have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Refuse the next `count` messages with `status` (e.g. 451 temporary, 550 permanent). */
  refuseNext(count: number, status: number, text?: string): void;
  close(): Promise<void>;
}

/** Starts an SMTP peer on a free port. With `users`, AUTH is required and checked. */
export async function startSmtpPeer(options: { users?: Record<string, string> } = {}): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let refusals: { left: number; status: number; text: string } = { left: 0, status: 0, text: '' };
  const users = options.users;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: users ? ['STARTTLS'] : ['AUTH', 'STARTTLS'],
    authOptional: !users,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (users && users[auth.username ?? ''] === auth.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals.left > 0) {
          refusals.left--;
          callback(Object.assign(new Error(refusals.text), { responseCode: refusals.status }));
          return;
        }
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            parsed,
            user: typeof session.user === 'string' ? session.user : null,
          });
          for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
          callback();
        }, callback);
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    host: '127.0.0.1',
    port,
    received,
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`SMTP peer got ${received.length} of ${count} messages`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(received.slice())) });
      });
    },
    refuseNext(count, status, text = status >= 500 ? 'Mailbox unavailable' : 'Try again later') {
      refusals = { left: count, status, text };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
