import type { Storage } from '@inboxkit/core';

/** A fresh store made for one test, and how to dispose of it afterwards. */
export interface StoreHandle {
  /** An empty store: global lists (`workspaces.list`, `listDueSnoozed`, …) are checked exactly. */
  storage: Storage;
  /** Called after the test, pass or fail (close the store, drop its schema…). */
  cleanup: () => Promise<void>;
}

/** A conformance test the store does not pass, skipped on purpose. */
export interface NamedSkip {
  /** The test id, `<area> > <title>`, e.g. `leases > release by another process does nothing`. */
  test: string;
  /** Why the store cannot pass it; shown in the test name and listed in the store's README. */
  reason: string;
}

/** Options of `runStorageConformance`. */
export interface StorageConformanceOptions {
  /** Store name, shown in the suite title (`memory`, `postgres (pglite)`…). */
  name: string;
  /** Makes a fresh, empty store. Called once per test, so tests never depend on each other. */
  create: () => Promise<StoreHandle>;
  /** Tests to skip, each with its reason. An id that names no test fails the suite. */
  skip?: readonly NamedSkip[];
}

/** What a conformance test body receives. */
export interface ConformanceContext {
  /** The store under test, fresh for this test. */
  storage: Storage;
  /** Skips the running test (for tests of an optional capability the store lacks). */
  skip(note: string): never;
}

/** How a suite file registers its tests (the runner adds store creation, cleanup and skips). */
export interface SuiteApi {
  test(title: string, body: (ctx: ConformanceContext) => Promise<void>): void;
}

/** One area of the contract, e.g. `conversations`. */
export interface SuiteDefinition {
  /** Area name: the first part of every test id in it. */
  area: string;
  /** Registers the area's tests. */
  register(t: SuiteApi): void;
}

/** Declares an area; only adds typing, like unstorage's `defineDriver`. */
export function defineSuite(area: string, register: (t: SuiteApi) => void): SuiteDefinition {
  return { area, register };
}

/** The id a named skip refers to. */
export function testId(area: string, title: string): string {
  return `${area} > ${title}`;
}
