// `switchboard-spec-tools generate`: writes every vendor's generated code (./every-vendor.ts), as
// `pnpm generate` runs it (the root task `generate:code`).
// `switchboard-spec-tools generate <vendor> <output.ts> [spec.yaml]`: writes the client metadata of
// one vendor's spec to `output.ts`. The spec defaults to specs/<vendor>/openapi.yaml of this
// repository; packages/phone-numbers/test/spec-change.test.ts passes an edited copy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CannotRun } from '../cannot-run.js';
import { readOpenApi } from '../openapi/document.js';
import { REPO_ROOT } from '../paths.js';
import { generate } from './generate.js';

const USAGE = 'usage: switchboard-spec-tools generate [<vendor> <output.ts> [spec.yaml]]';

export async function generateCommand(argv: string[]): Promise<number> {
  if (argv.length === 0) return generateEveryVendorCommand();
  const [vendor, output, specArgument] = argv;
  if (!vendor || !output) throw new CannotRun(USAGE);
  const specFile = specArgument ?? `specs/${vendor}/openapi.yaml`;
  const spec = await readOpenApi(specArgument ?? join(REPO_ROOT, specFile));
  writeFileSync(output, generate(spec, { vendor, specFile }));
  return 0;
}

async function generateEveryVendorCommand(): Promise<number> {
  // Loaded here: the one-vendor form has no use for openapi-typescript, the slowest import.
  const { generateEveryVendor } = await import('./every-vendor.js');
  const written = await generateEveryVendor(REPO_ROOT);
  console.log(written.length ? `wrote ${written.join(', ')}` : 'every generated file is up to date');
  return 0;
}
