// Lints one vendor's spec as `pnpm specs:lint` does (Redocly with specs/redocly.yaml: the
// recommended rules plus ours), through Redocly's JSON report.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CannotRun } from '../cannot-run.js';

// Redocly is run as its own process, from this package's dependency.
const REDOCLY = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

export interface LintProblem {
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  file: string;
  line: number | undefined;
  column: number | undefined;
  pointer: string | undefined;
}

export interface LintResult {
  errors: number;
  warnings: number;
  problems: LintProblem[];
}

/** A problem as Redocly's JSON report writes it. */
interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { source?: { ref?: string }; start?: { line?: number; col?: number }; pointer?: string }[];
}

/** The problems of `specs/<vendor>/openapi.yaml` in the working tree of the repository at `root`. */
export function lintSpec(root: string, vendor: string): LintResult {
  const file = `specs/${vendor}/openapi.yaml`;
  const result = spawnSync(process.execPath, [REDOCLY, 'lint', '--config', 'specs/redocly.yaml', '--format', 'json', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // No usage report and no update check: a review must not wait on the network.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  let report: { problems: RedoclyProblem[] };
  try {
    report = JSON.parse(result.stdout);
  } catch {
    // No JSON: Redocly did not get as far as linting (a missing or broken config, say).
    const reason = (result.stderr || result.error?.message || '').trim().split('\n').at(-1);
    throw new CannotRun(`cannot lint ${file}: ${reason || `redocly exited with ${result.status}`}`);
  }
  const problems = report.problems
    .filter((problem) => problem.severity === 'error' || problem.severity === 'warn')
    .map(
      ({ ruleId, severity, message, location: [where] = [] }): LintProblem => ({
        severity: severity === 'warn' ? 'warning' : 'error',
        rule: ruleId,
        message,
        file: where?.source?.ref ?? file,
        line: where?.start?.line,
        column: where?.start?.col,
        pointer: where?.pointer,
      }),
    );
  return { errors: problems.filter((p) => p.severity === 'error').length, warnings: problems.filter((p) => p.severity === 'warning').length, problems };
}
