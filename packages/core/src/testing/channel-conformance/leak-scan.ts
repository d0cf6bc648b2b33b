import { expect } from 'vitest';
import type { RecordKind } from '../../storage/records.js';
import type { ConformanceEnv } from './environment.js';

// Every record kind core defines; kinds added by declaration merging are not known here.
const recordKinds: RecordKind[] = ['user', 'team', 'inbox', 'channel', 'chatflow', 'routingRule', 'emailFilter', 'notificationPreferences'];

function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return JSON.stringify(error) ?? String(error);
  const own = JSON.stringify({ ...error, name: error.name, message: error.message, stack: error.stack });
  return error.cause === undefined ? own : `${own} ${describeError(error.cause, depth + 1)}`;
}

/** Everything a leaked secret could end up in: the workspace's storage, events, logs and caught errors. */
async function dump(env: ConformanceEnv<unknown>): Promise<Array<{ where: string; text: string }>> {
  const { storage, workspaceId } = env;
  const parts: Array<{ where: string; text: string }> = [];
  const add = (where: string, value: unknown) => parts.push({ where, text: JSON.stringify(value) });
  add('workspaces', await storage.workspaces.list({ limit: 1000 }));
  for (const kind of recordKinds) add(`records:${kind}`, await storage.records.list(workspaceId, kind));
  add('contacts', await storage.contacts.list(workspaceId, { limit: 1000 }));
  const conversations = await storage.conversations.list(workspaceId, { limit: 1000 });
  add('conversations', conversations);
  for (const conversation of conversations.items) {
    add(`timeline:${conversation.id}`, await storage.timeline.list(workspaceId, conversation.id, { limit: 1000 }));
  }
  add('event log', await storage.events.read(workspaceId, { limit: 10_000 }));
  add('emitted events', env.events);
  env.logs.forEach((line, i) => parts.push({ where: `log #${i}`, text: line }));
  env.errors.forEach((error, i) => parts.push({ where: `error #${i}`, text: describeError(error) }));
  return parts;
}

/** Where any of the driver's secret values shows up, as `<where>: <secret ref>`. Empty when nothing leaked. */
async function findLeaks(env: ConformanceEnv<unknown>): Promise<string[]> {
  const secrets = Object.entries(env.driver.secrets);
  const leaks: string[] = [];
  for (const { where, text } of await dump(env)) {
    for (const [ref, value] of secrets) if (text.includes(value)) leaks.push(`${where}: value of "${ref}"`);
  }
  return leaks;
}

/** Fails naming every place a secret value leaked to. */
export async function expectNoLeaks(env: ConformanceEnv<unknown>): Promise<void> {
  const leaks = await findLeaks(env);
  expect(leaks, `secret values leaked: ${leaks.join('; ')}`).toEqual([]);
}
