import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against sources (no build needed); each workspace package maps to its src entry.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@inboxkit\/core\/testing$/, replacement: src('./packages/core/src/testing/index.ts') },
      { find: /^@inboxkit\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@inboxkit\/storage-memory$/, replacement: src('./packages/storage-memory/src/index.ts') },
      { find: /^@inboxkit\/storage-testkit$/, replacement: src('./packages/storage-testkit/src/index.ts') },
      { find: /^@inboxkit\/adapter-chat$/, replacement: src('./packages/adapter-chat/src/index.ts') },
      { find: /^@inboxkit\/storage-postgres$/, replacement: src('./packages/storage-postgres/src/index.ts') },
      { find: /^@inboxkit\/adapter-email$/, replacement: src('./packages/adapter-email/src/index.ts') },
      { find: /^@inboxkit\/adapter-forms$/, replacement: src('./packages/adapter-forms/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'docs/examples/**/*.test.ts', 'test-support/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
