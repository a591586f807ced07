import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const run = promisify(execFile);
const pkg = new URL('../', import.meta.url).pathname;
const repo = new URL('../../../', import.meta.url).pathname;
// Inside the package, so the examples resolve @switchboard/* exactly as a consumer's code would.
const scratch = `${pkg}.readme-examples/`;
/** Names the README's examples use without defining. */
const PRELUDE = 'declare const vapiKey: string, vocodeKey: string, vogentKey: string;\n';

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('every TypeScript example in the README type-checks against the built packages', async () => {
  const readme = readFileSync(`${repo}README.md`, 'utf8');
  const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  expect(examples.length).toBeGreaterThanOrEqual(6);

  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  const files = examples.map((code, i) => {
    const file = `example-${i + 1}.ts`;
    writeFileSync(`${scratch}${file}`, `${PRELUDE}${code}\nexport {};\n`);
    return file;
  });
  // No `@switchboard/source` condition (the base config's): a consumer's imports reach the built
  // declarations, not every package's sources, which the repository's own type-check covers (and
  // which took this program from about 2.6 to 5.8 s of CPU).
  writeFileSync(
    `${scratch}tsconfig.json`,
    JSON.stringify({ extends: '../../../tsconfig.base.json', compilerOptions: { noEmit: true, noUnusedLocals: false, customConditions: [] }, include: files }),
  );
  const result = await run(`${repo}node_modules/.bin/tsc`, ['-p', scratch]).then(
    () => '',
    (error: { stdout: string }) => error.stdout,
  );
  expect(result).toBe('');
}, 60_000);
