// The channel adapter conformance suite, run on the email adapter for real: customer mail is
// appended to a private Dovecot mailbox and picked up by the IMAP poller; replies are observed
// at an SMTP peer.
import { runChannelConformance, type ChannelConformanceDriver } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { afterAll, describe } from 'vitest';
import { emailChannel } from '../src/index.js';
import { dovecotAvailable, startDovecot, type Dovecot } from './dovecot.js';
import { fastImap } from './kit-fixture.js';
import { customerMail } from './mail-fixtures.js';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.js';

const secrets = { 'imap-pass': 'imap-Conformance-4242', 'smtp-pass': 'smtp-Conformance-2424' };

// One server pair for the file; each test gets its own mailbox and sender address.
let servers: Promise<{ dovecot: Dovecot; peer: SmtpPeer }> | null = null;
const shared = () => (servers ??= Promise.all([startDovecot(), startSmtpPeer({ users: { mailer: secrets['smtp-pass'] } })]).then(([dovecot, peer]) => ({ dovecot, peer })));
afterAll(async () => {
  if (!servers) return;
  const { dovecot, peer } = await servers;
  await Promise.all([dovecot.close(), peer.close()]);
});

let mailboxes = 0;
type Fixture = { dovecot: Dovecot; peer: SmtpPeer; user: string; address: string };

const driver: ChannelConformanceDriver<Fixture> = {
  createStorage: async () => ({ storage: memoryStorage() }),
  async setup() {
    const { dovecot, peer } = await shared();
    const user = `conformance${++mailboxes}`;
    await dovecot.addUser(user, secrets['imap-pass']);
    return { dovecot, peer, user, address: `${user}@acme.test` };
  },
  config: ({ dovecot, peer, user, address }) => ({
    address,
    imap: { host: dovecot.host, port: dovecot.port, secure: false, user, passwordRef: 'imap-pass' },
    smtp: { host: peer.host, port: peer.port, secure: false, user: 'mailer', passwordRef: 'smtp-pass' },
  }),
  invalidConfigs: [
    { title: 'an address that is not an email', config: () => ({ address: 'support' }), field: 'address' },
    {
      title: 'an IMAP port out of range',
      config: ({ address }) => ({ address, imap: { host: 'localhost', port: 70_000, user: 'u', passwordRef: 'imap-pass' } }),
      field: 'imap.port',
    },
    {
      title: 'SMTP without a user',
      config: ({ address }) => ({ address, smtp: { host: 'localhost', port: 25, passwordRef: 'smtp-pass' } }),
      field: 'smtp.user',
    },
  ],
  secrets,
  async deliver({ fixture }, message) {
    await fixture.dovecot.append(
      fixture.user,
      customerMail({
        messageId: `${message.key}@conformance.test`,
        from: `${message.from.name} <${message.from.email}>`,
        to: fixture.address,
        subject: message.subject,
        text: message.text,
      }),
    );
  },
  async observeSent({ fixture }) {
    return fixture.peer.received
      .filter((mail) => mail.parsed.from?.value[0]?.address === fixture.address)
      .map((mail) => ({ text: mail.parsed.text ?? '', externalId: mail.parsed.messageId ?? null }));
  },
  async breakDelivery({ fixture }) {
    fixture.peer.refuseNext(1, 550, 'Mailbox unavailable');
  },
};

describe.skipIf(!dovecotAvailable)('email adapter (Dovecot + SMTP peer)', () => {
  runChannelConformance('email', () => emailChannel({ imap: fastImap }), driver);
});
