import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { vendors } from '../../scripts/vendors.mjs';

const run = promisify(execFile);
const repo = new URL('../../', import.meta.url).pathname;

interface LintProblem {
  ruleId: string;
  message: string;
}

/** Lint with the repo's ruleset; the JSON report lists every problem with its rule. */
async function lint(file: string): Promise<{ exitCode: number; problems: LintProblem[] }> {
  const args = ['lint', '--config', 'specs/redocly.yaml', '--format', 'json', file];
  const result = await run(`${repo}node_modules/.bin/redocly`, args, { cwd: repo }).then(
    (ok) => ({ exitCode: 0, stdout: ok.stdout }),
    (failed: { code: number; stdout: string }) => ({ exitCode: failed.code, stdout: failed.stdout }),
  );
  return { exitCode: result.exitCode, problems: (JSON.parse(result.stdout) as { problems: LintProblem[] }).problems };
}

describe('spec lint ruleset', () => {
  test.each(vendors())('the %s spec follows every convention', async (vendor) => {
    const { exitCode, problems } = await lint(`specs/${vendor}/openapi.yaml`);
    expect(problems).toEqual([]);
    expect(exitCode).toBe(0);
  });

  test('each convention rule fires on a spec that breaks it', async () => {
    const { exitCode, problems } = await lint('specs/test/fixtures/violations.yaml');
    expect(exitCode).not.toBe(0);
    const fired = new Set(problems.map((problem) => problem.ruleId));
    for (const rule of [
      'rule/operation-id-camel-case',
      'operation-summary',
      'rule/operation-tagged',
      'rule/success-response-examples',
      'operation-4xx-response',
      'no-unused-components',
      'switchboard/e164-pattern',
      'switchboard/secret-marked',
    ]) {
      expect(fired, rule).toContain(rule);
    }
    const secretProblems = problems.filter((problem) => problem.ruleId === 'switchboard/secret-marked').map((problem) => problem.message);
    expect(secretProblems).toEqual(expect.arrayContaining([expect.stringMatching(/"password"/), expect.stringMatching(/"carrier" must be true or false/)]));
  }, 30_000);

  test('every server after the first names a region of its own, and the first none', async () => {
    const { exitCode, problems } = await lint('specs/test/fixtures/server-regions.yaml');
    expect(exitCode).not.toBe(0);
    expect(problems.filter((problem) => problem.ruleId === 'switchboard/server-regions').map((problem) => problem.message)).toEqual([
      'The first server is the default base URL: it takes no x-region.',
      'x-region "eu" names another server too.',
      'Server 3 is not the first: name its region with x-region: <name>.',
      'x-region "default" names another server too (default is the first server).',
    ]);
  }, 30_000);
});
