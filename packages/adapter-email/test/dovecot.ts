/**
 * A private Dovecot IMAP server per test run, in a temp folder (no system config touched).
 * Outside CI a missing `dovecot` binary skips the suite with a reason; with `CI=true` the
 * suite fails instead, because CI runs every suite.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

const run = promisify(execFile);

/** Where the Dovecot binary is expected. */
export const dovecotPath = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
const doveadmPath = process.env.DOVEADM_PATH ?? '/usr/bin/doveadm';

/** Whether IMAP suites can run here; in CI a missing Dovecot is an error, not a skip. */
export const dovecotAvailable = existsSync(dovecotPath) || process.env.CI === 'true';

/** The reason printed when an IMAP suite is skipped. */
export const dovecotSkipReason = `Dovecot not found at ${dovecotPath} (apt-get install dovecot-imapd, or set DOVECOT_PATH); IMAP suite skipped`;

if (!dovecotAvailable) console.warn(dovecotSkipReason);

/** A running private Dovecot. */
export interface Dovecot {
  readonly host: string;
  readonly port: number;
  /** Adds a mailbox user (password in plain text: test only). */
  addUser(user: string, password: string): Promise<void>;
  /** Appends a raw message to a user's mailbox, as a remote MTA's delivery would. Returns its UID. */
  append(user: string, raw: string | Buffer, mailbox?: string): Promise<number>;
  /** A logged-in client for assertions (the caller logs out). */
  client(user: string): Promise<ImapFlow>;
  /** Stops the server (connections drop) and starts it again on the same port and mail. */
  restart(): Promise<void>;
  /** Stops the server and deletes its folder. */
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function configFor(dir: string, port: number): string {
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_fsync = never
mail_location = maildir:${dir}/mail/%u
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users/%u
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}
`;
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

/** Starts a private Dovecot on a free port. */
export async function startDovecot(): Promise<Dovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'inboxkit-dovecot-'));
  const port = await freePort();
  const config = join(dir, 'dovecot.conf');
  const users = new Map<string, string>();
  for (const sub of ['run', 'state', 'mail', 'home', 'users']) await mkdir(join(dir, sub), { recursive: true });
  await chmod(dir, 0o755); // the mail processes run as the dovecot user
  await writeFile(config, configFor(dir, port));
  await run('chown', ['-R', 'dovecot:dovecot', join(dir, 'mail'), join(dir, 'home')]);

  async function start(): Promise<void> {
    // The master daemonizes; its first process exits once it is up. Inherited pipes would keep
    // a child_process call waiting for the daemon forever, so no stdio is shared.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(dovecotPath, ['-c', config], { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}; see ${dir}/dovecot.log`))));
    });
    await waitForPort(port);
  }
  /** The master's IMAP session processes (one per client connection). */
  async function sessions(): Promise<number[]> {
    const master = (await readFile(join(dir, 'run', 'master.pid'), 'utf8').catch(() => '')).trim();
    if (!master) return [];
    const { stdout } = await run('ps', ['-o', 'pid=,args=', '--ppid', master]).catch(() => ({ stdout: '' }));
    return stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([pid, args]) => pid && args === 'dovecot/imap')
      .map(([pid]) => Number(pid));
  }

  async function stop(): Promise<void> {
    // `doveadm stop` leaves running imap sessions behind (they outlive the master); a real
    // restart drops every connection, so this server's own session processes are ended by pid.
    for (const pid of await sessions()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await new Promise<void>((resolve) => {
      const child = spawn(doveadmPath, ['-c', config, 'stop'], { stdio: 'ignore' });
      child.once('error', () => resolve());
      child.once('exit', () => resolve());
    });
    // `stop` returns before the master has exited; wait until the port is free again.
    for (let attempt = 0; attempt < 100; attempt++) {
      if (!existsSync(join(dir, 'run', 'master.pid'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function client(user: string): Promise<ImapFlow> {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: users.get(user) ?? '' }, logger: false });
    await imap.connect();
    return imap;
  }

  await start();
  return {
    host: '127.0.0.1',
    port,
    async addUser(user, password) {
      users.set(user, password);
      // One passwd file per user: Dovecot caches a passwd-file by mtime, so rewriting one
      // shared file twice within its timestamp granularity would go unnoticed.
      await writeFile(join(dir, 'users', user), `${user}:{PLAIN}${password}\n`);
    },
    async append(user, raw, mailbox = 'INBOX') {
      const imap = await client(user);
      try {
        const result = await imap.append(mailbox, raw);
        if (!result || !result.uid) throw new Error('APPEND returned no UID');
        return result.uid;
      } finally {
        await imap.logout();
      }
    },
    client,
    async restart() {
      await stop();
      await start();
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
