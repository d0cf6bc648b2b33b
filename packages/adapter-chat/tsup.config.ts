import type { Options } from 'tsup';
import { libraryConfig } from '../../tsup.shared.js';
import { widgetBuildOptions } from './widget.build.js';

// The library (ESM + CJS + types) and the browser widget, one minified IIFE served at /widget.js.
export default [
  libraryConfig({ index: 'src/index.ts' }, { shims: true }) as Options,
  { ...widgetBuildOptions, entry: { widget: 'src/widget/main.ts' }, clean: false, dts: false, outExtension: () => ({ js: '.js' }) },
] satisfies Options[];
