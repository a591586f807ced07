#!/usr/bin/env node
// Runs the spec tools (tools/spec-tools, a TypeScript package) from outside turbo, as the root
// scripts do (`pnpm specs:diff` is `node scripts/spec-tools.mjs diff`): builds the package first, a
// turbo cache hit when nothing changed, then runs its bin with the same arguments, in the same
// directory, and exits with its code. turbo's output is shown only when the build fails, and on
// stderr, so a report on stdout (`pnpm --silent specs:review … > spec-review.md`) stays the
// report alone. turbo runs the build through pnpm, so run this through pnpm too (the root scripts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** `switchboard-spec-tools …args`, built first; returns its exit code (2 when the build fails: the tool could not run). */
export function runSpecTools(args) {
  const build = spawnSync(`${root}node_modules/.bin/turbo`, ['run', 'build', '--filter=@switchboard/spec-tools', '--output-logs=errors-only'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    console.error(`spec-tools: could not build tools/spec-tools (${build.error?.message ?? `turbo exited with ${build.status}`})`);
    return 2;
  }
  const tool = spawnSync(process.execPath, [`${root}tools/spec-tools/dist/bin.js`, ...args], { stdio: 'inherit' });
  return tool.status ?? 2;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = runSpecTools(process.argv.slice(2));
