import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerReport } from './protocol.js';

/** A running worker process and what it reported so far. */
export interface Worker {
  /** The name it reports as (`a`, `b`). */
  readonly name: string;
  /** The forked Node process. */
  readonly process: ChildProcess;
  /** Every report, in arrival order. */
  readonly reports: WorkerReport[];
  /** Sends one command over IPC. */
  send(command: WorkerCommand): void;
  /** Resolves with the reports once `check(reports)` holds; rejects on an `error` report, exit, or after `timeoutMs`. */
  until(what: string, check: (reports: WorkerReport[]) => boolean, timeoutMs?: number): Promise<WorkerReport[]>;
  /** Asks the worker to stop cleanly and waits for it to exit (kills it if it does not within 10 s). */
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
// In this repository the workers run the TypeScript sources (tsx, with the root tsconfig's
// paths); a deployment would start its compiled entry point instead.
const ROOT_TSCONFIG = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

/** Starts a worker process on the shared database and waits until its kit is started. */
export async function startWorker(name: string, env: { databaseUrl: string; schema: string }): Promise<Worker> {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: env.databaseUrl, INBOXKIT_SCHEMA: env.schema, TSX_TSCONFIG_PATH: ROOT_TSCONFIG },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const reports: WorkerReport[] = [];
  const wake = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (report: WorkerReport) => {
    reports.push(report);
    for (const fn of wake) fn();
  });
  child.once('exit', () => {
    for (const fn of wake) fn();
  });

  const worker: Worker = {
    name,
    process: child,
    reports,
    send: (command) => child.send(command),
    until(what, check, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          wake.delete(probe);
          settle();
        };
        const probe = () => {
          const error = reports.find((r) => r.type === 'error');
          if (error) return finish(() => reject(new Error(`worker ${name} failed: ${error.message}`)));
          if (check(reports)) return finish(() => resolve(reports));
          if (child.exitCode !== null || child.signalCode !== null) finish(() => reject(new Error(`worker ${name} exited before ${what}:\n${stderr}`)));
        };
        // A bound so a stuck worker fails the run instead of hanging it; not a timing assertion.
        const timer = setTimeout(() => finish(() => reject(new Error(`worker ${name}: timed out waiting for ${what}\n${stderr}`))), timeoutMs);
        wake.add(probe);
        probe();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ cmd: 'stop' });
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
  await worker.until('ready', (all) => all.some((r) => r.type === 'ready'));
  return worker;
}
