import { expect } from 'vitest';
import { ValidationError } from '../../errors/validation-error.js';
import type { ConformanceEnv } from './environment.js';

/** One conformance test; `run` throws (an assertion) when the adapter breaks the contract. */
export interface ChannelCase {
  /** First part of the test id, e.g. `config`. */
  area: string;
  /** Test title, unique in its area. */
  title: string;
  /** Runs the test; `skip` ends it as skipped for an optional capability the adapter lacks. */
  run(env: ConformanceEnv<unknown>, skip: (note: string) => never): Promise<void>;
}

/** The id a named skip refers to. */
export function caseId(area: string, title: string): string {
  return `${area} > ${title}`;
}

/** Asserts `error` is `VALIDATION` with an issue naming `field`. */
export function expectValidationNaming(error: unknown, field: string): void {
  expect(ValidationError.isInstance(error), `expected a VALIDATION error naming "${field}", got ${String(error)}`).toBe(true);
  const paths = (error as ValidationError).issues.map((issue) => issue.path);
  const names = (path: string) => path === field || path === `config.${field}` || path.endsWith(`.${field}`);
  expect(paths.some(names), `issue paths ${JSON.stringify(paths)} should name "${field}"`).toBe(true);
}

/** Runs `body`, expecting it to throw; returns the error (also kept in `env.errors` for the leak scan). */
export async function thrown(env: ConformanceEnv<unknown>, body: () => unknown): Promise<unknown> {
  try {
    await body();
  } catch (error) {
    env.errors.push(error);
    return error;
  }
  throw new Error('[channel conformance] expected an error, but the call succeeded');
}

/** A fresh customer message for a test. */
export function inboundMessage(key: string, text = `Hello from ${key}`) {
  return {
    key,
    from: { email: `${key}@customer.example.com`, name: 'Casey Customer', visitorId: `visitor-${key}` },
    subject: `Question ${key}`,
    text,
  };
}

/** Ends the test as skipped when the adapter cannot send, and checks the driver can observe. */
export function requireSend(env: ConformanceEnv<unknown>, skip: (note: string) => never): void {
  if (!env.adapter.capabilities.send) skip('the adapter cannot send (capabilities.send is false)');
  if (!env.driver.observeSent || !env.driver.breakDelivery) {
    throw new Error('[channel conformance] an adapter that can send needs driver.observeSent and driver.breakDelivery');
  }
}

/** Ends the test as skipped when the driver declares no secrets. */
export function requireSecrets(env: ConformanceEnv<unknown>, skip: (note: string) => never): void {
  if (Object.keys(env.driver.secrets).length === 0) skip('the config uses no secrets (driver.secrets is empty)');
}
