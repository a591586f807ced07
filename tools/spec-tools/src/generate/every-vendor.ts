// Every vendor's generated code, as `pnpm generate` writes it: for each spec, the types package's
// `src/generated/schema.ts` (openapi-typescript, ./types.ts) and the vendor package's
// `src/generated/spec.ts` (the client metadata, ./generate.ts). One process for all of them:
// importing openapi-typescript costs more than generating every vendor's types, so it is paid once,
// and each spec is read and parsed once for its two files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CannotRun, firstLine } from '../cannot-run.js';
import { readOpenApi } from '../openapi/document.js';
import { vendorsIn } from '../vendors.js';
import { generate } from './generate.js';
import { typesModule } from './types.js';

/**
 * Writes the generated files of every vendor of `root` (a repository: each `specs/<vendor>/openapi.yaml`
 * and its two packages) and gives the ones whose text changed, relative to `root`. A file whose text
 * is the same is not written, so it keeps its mtime and nothing that watches it rebuilds.
 */
export async function generateEveryVendor(root: string): Promise<string[]> {
  const written: string[] = [];
  for (const vendor of vendorsIn(join(root, 'specs'))) {
    for (const [path, text] of await generatedFiles(root, vendor)) {
      if (writeIfChanged(join(root, path), text)) written.push(path);
    }
  }
  return written;
}

/** A vendor's generated files, each as its path (relative to `root`) and its text. */
async function generatedFiles(root: string, vendor: string): Promise<[string, string][]> {
  const specFile = `specs/${vendor}/openapi.yaml`;
  for (const dir of [`packages/${vendor}-types`, `packages/${vendor}`]) {
    if (!existsSync(join(root, dir, 'package.json')))
      throw new CannotRun(`${specFile} has no package ${dir}: a vendor is its spec and its two packages (CONTRIBUTING.md, "Adding a vendor")`);
  }
  const spec = await readOpenApi(join(root, specFile));
  let metadata: string;
  try {
    metadata = generate(spec, { vendor, specFile });
  } catch (error) {
    if (error instanceof CannotRun) throw new CannotRun(`${specFile}: ${error.message}`);
    throw error;
  }
  let types: string;
  try {
    // A copy: openapi-typescript's bundler edits the document it is given.
    types = await typesModule(structuredClone(spec));
  } catch (error) {
    throw new CannotRun(`openapi-typescript cannot generate the types of ${specFile}: ${firstLine(error)}`);
  }
  return [
    [`packages/${vendor}-types/src/generated/schema.ts`, types],
    [`packages/${vendor}/src/generated/spec.ts`, metadata],
  ];
}

/** Writes `text` to `file` unless it holds that already; says whether it wrote. */
function writeIfChanged(file: string, text: string): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}
