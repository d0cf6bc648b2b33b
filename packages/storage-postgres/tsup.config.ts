import { libraryConfig } from '../../tsup.shared.js';

// The migration loader finds `migrations/` from `import.meta.url`; the shim gives the CJS
// build the same value.
export default libraryConfig({ index: 'src/index.ts' }, { shims: true });
