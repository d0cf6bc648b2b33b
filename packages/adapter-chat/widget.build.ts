/** esbuild/tsup settings of the browser widget, shared by the package build and the tests' on-the-fly build. */
export const widgetBuildOptions = {
  format: ['iife'] as ['iife'],
  platform: 'browser' as const,
  target: 'es2020',
  minify: true,
  sourcemap: false,
  treeshake: true,
};
