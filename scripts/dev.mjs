#!/usr/bin/env node
// `pnpm dev`: watch specs/ and, when a vendor's spec changes, lint it, regenerate the code generated
// from the specs (every vendor's, in one process: only the changed spec's files are written), and
// rebuild every package that depends on it (turbo skips what is unchanged).
// `--once <vendor>` runs that pipeline once and exits; `--dry-run` prints the commands instead of
// running them (the tests watch with it, so they never rebuild packages other tests are using).
import { spawnSync } from 'node:child_process';
import { watch } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
const DEBOUNCE_MS = 300;
const dryRun = process.argv.includes('--dry-run');

function step(label, command, args) {
  if (dryRun) {
    console.log(`  would ${label}: ${[command.replace(root, ''), ...args].join(' ')}`);
    return true;
  }
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`  ${status === 0 ? '✓' : '✗'} ${label} (${Date.now() - started} ms)`);
  return status === 0;
}

function rebuild(vendor) {
  console.log(`\n${vendor}: spec changed`);
  const bin = (name) => `${root}node_modules/.bin/${name}`;
  step('lint', bin('redocly'), ['lint', '--config', 'specs/redocly.yaml', `specs/${vendor}/openapi.yaml`, '--format', 'summary']);
  // The spec's own packages and everything built on them; mocks ships the specs.
  const filters = [`--filter=...@switchboard/${vendor}-types`, '--filter=@switchboard/mocks'];
  const quiet = ['--output-logs=errors-only'];
  const ok =
    step('generate', bin('turbo'), ['run', 'generate:code', ...quiet]) &&
    step(`build @switchboard/${vendor}-types and its dependents`, bin('turbo'), ['run', 'build', ...filters, ...quiet]);
  console.log(ok ? `${vendor}: up to date` : `${vendor}: failed (see above); fix the spec and save again`);
  return ok;
}

const onceIndex = process.argv.indexOf('--once');
if (onceIndex !== -1) {
  process.exit(rebuild(process.argv[onceIndex + 1]) ? 0 : 1);
}

const pending = new Map();
watch(`${root}specs`, { recursive: true }, (_event, file) => {
  const match = /^([a-z0-9-]+)\/openapi\.yaml$/.exec(file ?? '');
  if (!match) return;
  const vendor = match[1];
  clearTimeout(pending.get(vendor));
  // Editors save in several writes: wait for the last one.
  pending.set(
    vendor,
    setTimeout(() => (pending.delete(vendor), rebuild(vendor)), DEBOUNCE_MS),
  );
});
console.log('watching specs/*/openapi.yaml (Ctrl-C to stop)');
