// The spec reports' libraries belong to the @switchboard/specs package, not to the root, so pnpm
// installs them in specs/node_modules: they are resolved from there (relative to these scripts,
// not to the working directory, which may be any clone).
import { createRequire } from 'node:module';

export const requireSpecsDependency = createRequire(new URL('../../specs/package.json', import.meta.url));
