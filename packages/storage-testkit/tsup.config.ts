import { libraryConfig } from '../../tsup.shared.js';

// The suite registers tests on the host's vitest and runs against the host's core copy.
export default libraryConfig({ index: 'src/index.ts' }, { external: ['vitest', '@inboxkit/core'] });
