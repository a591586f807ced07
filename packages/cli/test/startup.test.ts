import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, cleanEnv, run } from './helpers.js';

/**
 * What a start of the binary loads: the YAML parser (through `@switchboard/plan`) is about a third
 * of a start's CPU, so only the commands that read a switchboard.yaml load it. Read from the
 * modules the process resolves (a module hook), not from a clock.
 */
const MODULE_LOG_HOOK = fileURLToPath(new URL('./fixtures/module-log.mjs', import.meta.url));
const FILE_COMMAND_MODULES = /\/node_modules\/yaml\/|\/packages\/plan\/|\/cli\/dist\/plan-apply\.js$/;

let scratch: string;
beforeAll(() => {
  assertFreshBuild();
  scratch = mkdtempSync(join(tmpdir(), 'switchboard-startup-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The modules `switchboard …args` imported, by URL. */
async function modulesLoadedBy(name: string, args: string[]): Promise<string[]> {
  const log = join(scratch, `${name}.log`);
  const result = await run(args, { env: cleanEnv({ NODE_OPTIONS: `--import=${MODULE_LOG_HOOK}`, MODULE_LOG: log }) });
  expect(result.stderr, 'the hook loaded').not.toMatch(/ERR_|Error \[/);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('what a start loads', () => {
  test.each([
    ['help', ['--help']],
    ['usage error', ['numbers', 'lsit']],
    ['version', ['--version']],
  ])('%s: not the YAML parser or plan', async (name, args) => {
    const modules = await modulesLoadedBy(name, args);
    expect(
      modules.some((url) => url.endsWith('/cli/dist/main.js')),
      'the log records the CLI',
    ).toBe(true);
    expect(modules.filter((url) => FILE_COMMAND_MODULES.test(url))).toEqual([]);
  });

  test('plan, a file command, loads them', async () => {
    const modules = await modulesLoadedBy('plan', ['plan', '-f', join(scratch, 'missing.yaml')]);
    expect(modules.some((url) => url.includes('/node_modules/yaml/'))).toBe(true);
    expect(modules.some((url) => url.endsWith('/cli/dist/plan-apply.js'))).toBe(true);
  });
});
