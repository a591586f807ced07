import { fileURLToPath } from 'node:url';

/** The repository this package lives in (`tools/spec-tools/`), from `src/` and `dist/` alike. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
