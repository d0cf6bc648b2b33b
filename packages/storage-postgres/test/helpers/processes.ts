import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT_TSCONFIG = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

/** One JSON line a child printed. */
export type ChildMessage = Record<string, unknown> & { type: string };

/** A child process running a TypeScript file, speaking JSON lines on stdout. */
export interface Child {
  process: ChildProcess;
  /** Every message so far, in order. */
  messages: ChildMessage[];
  /** Resolves once `check(messages)` holds (now or after later messages); fails after `timeoutMs` (default 20 s). */
  waitFor(check: (messages: ChildMessage[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the first message of `type` (already seen or future). */
  next(type: string): Promise<ChildMessage>;
  /** Sends one line to the child's stdin. */
  send(line: string): void;
  /** Resolves with the exit code (or signal) once the process ends. */
  exited: Promise<number | NodeJS.Signals>;
}

const TIMEOUT_MS = 20_000;

/**
 * Starts `node --import tsx <script> ...args` as a real separate process. tsx is pointed at
 * the root tsconfig, whose paths map `@inboxkit/*` to sources, so children need no build.
 */
export function startChild(script: string, args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`../children/${script}`, import.meta.url)), ...args], {
    env: { ...process.env, TSX_TSCONFIG_PATH: ROOT_TSCONFIG, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const messages: ChildMessage[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('{')) messages.push(JSON.parse(line) as ChildMessage);
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve(code ?? signal ?? -1);
      for (const wake of waiters) wake();
    });
  });

  const handle: Child = {
    process: child,
    messages,
    exited,
    waitFor(check, what, timeoutMs = TIMEOUT_MS) {
      return new Promise<void>((resolve, reject) => {
        const probe = () => {
          if (check(messages)) return done(resolve);
          if (child.exitCode !== null || child.signalCode !== null) {
            return done(() => reject(new Error(`${script} exited before ${what}:\n${stderr}`)));
          }
        };
        // A bound on waiting so a broken child fails the test instead of hanging it.
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for ${what} from ${script}:\n${stderr}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(probe);
          settle();
        };
        waiters.add(probe);
        probe();
      });
    },
    async next(type) {
      await handle.waitFor((all) => all.some((m) => m.type === type), `a "${type}" message`);
      return messages.find((m) => m.type === type)!;
    },
    send(line) {
      child.stdin!.write(`${line}\n`);
    },
  };
  return handle;
}

/** Kills a child if it is still running and waits for it to be gone. */
export async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
  await child.exited;
}
