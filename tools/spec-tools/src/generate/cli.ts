// `switchboard-spec-tools generate <vendor> <output.ts> [spec.yaml]`: writes the client metadata of
// a vendor's spec to `output.ts`. The spec defaults to specs/<vendor>/openapi.yaml of this
// repository; tests pass an edited copy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CannotRun } from '../cannot-run.js';
import { readOpenApi } from '../openapi/document.js';
import { REPO_ROOT } from '../paths.js';
import { generate } from './generate.js';

const USAGE = 'usage: switchboard-spec-tools generate <vendor> <output.ts> [spec.yaml]';

export async function generateCommand(argv: string[]): Promise<number> {
  const [vendor, output, specArgument] = argv;
  if (!vendor || !output) throw new CannotRun(USAGE);
  const specFile = specArgument ?? `specs/${vendor}/openapi.yaml`;
  const spec = await readOpenApi(specArgument ?? join(REPO_ROOT, specFile));
  writeFileSync(output, generate(spec, { vendor, specFile }));
  return 0;
}
