// Lints one vendor's spec as `pnpm specs:lint` does (Redocly with specs/redocly.yaml: the
// recommended rules plus ours), through Redocly's JSON report.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { requireSpecsDependency } from '../spec-diff/dependencies.mjs';
import { CannotRun } from '../spec-diff/repo.mjs';

const REDOCLY = join(dirname(requireSpecsDependency.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/** @typedef {{ severity: 'error' | 'warning', rule: string, message: string, file: string, line: number | undefined, column: number | undefined, pointer: string | undefined }} LintProblem */

/**
 * The problems of `specs/<vendor>/openapi.yaml` in the working tree.
 * @returns {{ errors: number, warnings: number, problems: LintProblem[] }}
 */
export function lintSpec(root, vendor) {
  const file = `specs/${vendor}/openapi.yaml`;
  const result = spawnSync(process.execPath, [REDOCLY, 'lint', '--config', 'specs/redocly.yaml', '--format', 'json', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // No usage report and no update check: a review must not wait on the network.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    // No JSON: Redocly did not get as far as linting (a missing or broken config, say).
    const reason = (result.stderr || result.error?.message || '').trim().split('\n').at(-1);
    throw new CannotRun(`cannot lint ${file}: ${reason || `redocly exited with ${result.status}`}`);
  }
  const problems = report.problems
    .filter((problem) => problem.severity === 'error' || problem.severity === 'warn')
    .map(({ ruleId, severity, message, location: [where] = [] }) => ({
      severity: severity === 'warn' ? 'warning' : 'error',
      rule: ruleId,
      message,
      file: where?.source?.ref ?? file,
      line: where?.start?.line,
      column: where?.start?.col,
      pointer: where?.pointer,
    }));
  return { errors: problems.filter((p) => p.severity === 'error').length, warnings: problems.filter((p) => p.severity === 'warning').length, problems };
}
