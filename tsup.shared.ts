import { defineConfig, type Options } from 'tsup';

/** The build every InboxKit package shares: ESM + CJS + .d.ts for Node 20. */
export function libraryConfig(entry: Record<string, string>, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    clean: true,
    target: 'node20',
    ...extra,
  });
}
