import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { widgetBuildOptions } from '../widget.build.js';

/** Bundles `src/widget/main.ts` the way the package build does, for suites that run from sources. */
export async function bundleWidget(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/widget/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: widgetBuildOptions.platform,
    target: widgetBuildOptions.target,
    minify: widgetBuildOptions.minify,
  });
  return result.outputFiles[0]!.text;
}
