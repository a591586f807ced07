/**
 * CommonJS consumers (a NestJS service, a script with `require`): the packages ship ESM only, and
 * this proves where that works — plain `require()` on Node ≥ 20.19 (`require(esm)`), and
 * TypeScript projects compiled to CommonJS with `module: node20` or `nodenext` — and where it
 * does not (`module: node16`, which predates `require(esm)`). The consumer lives outside the repo
 * and sees the built packages the way an install does.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const DIR = `${tmpdir()}/switchboard-commonjs-consumer-${process.pid}/`;
/** Every entry point of every published package, from their package.json files (the CLI has only a binary). */
const PUBLISHED = readdirSync(PACKAGES).filter((name) => {
  const manifest = JSON.parse(readFileSync(`${PACKAGES}${name}/package.json`, 'utf8')) as { private?: boolean };
  return manifest.private !== true;
});
const ENTRIES = PUBLISHED.flatMap((name) => {
  const manifest = JSON.parse(readFileSync(`${PACKAGES}${name}/package.json`, 'utf8')) as { exports?: Record<string, unknown> };
  return Object.keys(manifest.exports ?? {})
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => `@switchboard/${name}${subpath.slice(1)}`);
});

const APP = `import { createPhoneNumbers, ValidationError, type PhoneNumber } from '@switchboard/phone-numbers';
import { createVapiClient } from '@switchboard/vapi';
const numbers = createPhoneNumbers({ vendor: 'vapi', apiKey: 'k' });
const label = (number: PhoneNumber<'vapi'>): string => number.number ?? number.id;
let rule = '';
try {
  createPhoneNumbers({ vendor: 'vapi', apiKey: '' });
} catch (error) {
  if (ValidationError.isInstance(error)) rule = error.rule;
}
console.log(JSON.stringify({ vendor: numbers.vendor, client: typeof createVapiClient, label: typeof label, rule }));
`;

beforeAll(() => {
  mkdirSync(`${DIR}node_modules/@switchboard`, { recursive: true });
  for (const name of PUBLISHED) {
    symlinkSync(`${PACKAGES}${name}`, `${DIR}node_modules/@switchboard/${name}`, 'dir');
  }
  writeFileSync(`${DIR}package.json`, JSON.stringify({ name: 'commonjs-consumer', private: true, type: 'commonjs' }));
  writeFileSync(`${DIR}app.ts`, APP);
});
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/**
 * Source files already parsed, shared by every compile below. The three `--module` settings tried
 * (node16, node20, nodenext) are all Node's: same target, each file's format from its package.json,
 * every non-declaration file a module, so a file parses the same under each; lib, @types/node and
 * the packages' declarations are parsed once rather than once per setting. Each program still
 * resolves, checks and emits with its own options.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** What `tsc <args> <DIR>app.ts` run in the consumer's directory prints (its diagnostics), compiled in this process. */
function tsc(args: string[]): string {
  const { options, fileNames, errors } = ts.parseCommandLine([...args, `${DIR}app.ts`]);
  const host = ts.createCompilerHost(options);
  // As if run there: the automatic @types lookup starts from the consumer's directory.
  host.getCurrentDirectory = () => DIR;
  const parse = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersionOrOptions, ...rest) => {
    const { languageVersion, impliedNodeFormat } =
      typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions, impliedNodeFormat: undefined };
    const key = `${fileName}|${languageVersion}|${impliedNodeFormat}`;
    if (!parsed.has(key)) parsed.set(key, parse(fileName, languageVersionOrOptions, ...rest));
    return parsed.get(key);
  };
  const program = ts.createProgram(fileNames, options, host);
  return ts.formatDiagnostics([...errors, ...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics], host);
}

// Each case runs node in a child process or compiles: seconds on a loaded machine, nothing is timed.
describe('CommonJS consumers', { timeout: 60_000 }, () => {
  test('every entry point is tried', () => {
    expect(ENTRIES).toEqual(expect.arrayContaining(['@switchboard/core', '@switchboard/phone-numbers', '@switchboard/vapi']));
  });

  // Each entry in a Node process of its own, a few at once: the cases wait on their processes.
  test.concurrent.each(ENTRIES)('require(%j) works from plain Node', async (entry) => {
    // Types-only packages (`<vendor>-types`) load as an empty module; a vendor's `./sandbox` exports
    // its descriptor, an object; the others export functions.
    const { stdout } = await run(
      process.execPath,
      ['-e', `const m = require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.values(m).map((v) => typeof v)))`],
      { cwd: DIR, encoding: 'utf8' },
    );
    const kinds = JSON.parse(stdout) as string[];
    if (entry.endsWith('-types')) expect(kinds).toEqual([]);
    else if (entry.endsWith('/sandbox')) expect(kinds).toEqual(['object']);
    else expect(kinds).toContain('function');
  });

  test.each(['node20', 'nodenext'])('a CommonJS TypeScript project with module %s type-checks, compiles and runs', (module) => {
    const out = `out-${module}`;
    expect(tsc(['--module', module, '--target', 'es2022', '--strict', '--skipLibCheck', '--outDir', `${DIR}${out}`])).toBe('');
    const output = execFileSync(process.execPath, [`${out}/app.js`], { cwd: DIR, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ vendor: 'vapi', client: 'function', label: 'function', rule: 'required' });
  });

  test('module node16 refuses the import (TS1479): the settings the README gives are the ones that work', () => {
    expect(tsc(['--module', 'node16', '--target', 'es2022', '--strict', '--skipLibCheck', '--noEmit'])).toContain('TS1479');
  });
});
