// The root config's include does not reach docs/, so the doc examples' tests run with this one:
// `npx vitest run --config docs/examples/vitest.config.ts` (same aliases, only these tests).
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default defineConfig({ ...base, test: { ...base.test, include: ['docs/examples/**/*.test.ts'] } });
