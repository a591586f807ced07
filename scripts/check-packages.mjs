#!/usr/bin/env node
// Checks published packages as npm would ship them: publint for the manifest and file list, attw
// for how TypeScript resolves their types. With no argument, every published package (each
// packages/*/package.json without "private": true); with package folders, those (turbo's
// per-package `check:package` task passes `.`). Run after `pnpm build` (both read dist/). One line
// per package; exits 1 if any fails.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

const readPackage = (dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) });

function published() {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
    .map((entry) => readPackage(join(root, 'packages', entry.name)))
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

// Each tool's CLI through node itself: no shell shims, so it runs the same on every platform.
function bin(pkg, name) {
  const dir = join(root, 'node_modules', pkg);
  return join(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin[name]);
}
const PUBLINT = bin('publint', 'publint');
const ATTW = bin('@arethetypeswrong/cli', 'attw');

function exec(script, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

async function check({ dir, manifest }) {
  const started = performance.now();
  const rel = dir.slice(root.length);
  const missing = (manifest.files ?? []).filter((entry) => !existsSync(join(dir, entry)));
  if (missing.length > 0) {
    return { name: manifest.name, ok: false, summary: `${missing.join(', ')} missing: run \`pnpm build\` first`, output: '', ms: 0 };
  }
  // Both pack with npm: the same file selection ("files", .npmignore) that publishing uses, and no
  // dependency on pnpm being on PATH. --strict makes publint's warnings fail too.
  const publint = await exec(PUBLINT, ['run', '.', '--pack', 'npm', '--strict'], dir);
  // Every entry point is ESM-only today, so attw's esm-only profile skips the CommonJS (node10,
  // node16-from-CJS) resolutions. Whether to ship CommonJS too is still to be decided; when it
  // is, drop the profile so those resolutions are checked.
  const attw = await exec(ATTW, ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii', '--no-emoji', '--no-color'], dir);
  const part = (tool, result) => `${tool} ${result.ok ? 'ok' : 'FAILED'}`;
  return {
    name: manifest.name,
    ok: publint.ok && attw.ok,
    summary: `${part('publint', publint)}, ${part('attw (esm-only)', attw)}`,
    output: [publint.ok ? '' : `publint (${rel}):\n${publint.output}`, attw.ok ? '' : `attw (${rel}):\n${attw.output}`].join(''),
    ms: performance.now() - started,
  };
}

// A few at a time: each check is mostly one npm pack plus one TypeScript program.
async function checkAll(packages) {
  const results = new Array(packages.length);
  let next = 0;
  const worker = async () => {
    while (next < packages.length) {
      const index = next++;
      results[index] = await check(packages[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(packages.length, Math.max(1, availableParallelism())) }, worker));
  return results;
}

const started = performance.now();
const folders = process.argv.slice(2);
const packages = folders.length > 0 ? folders.map((folder) => readPackage(resolve(folder))) : published();
if (packages.length === 0) {
  console.error('No published package found under packages/.');
  process.exit(1);
}
const results = await checkAll(packages);
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name.padEnd(width)}  ${r.summary}  (${(r.ms / 1000).toFixed(1)} s)`);
for (const r of results) if (!r.ok && r.output) console.error(`\n${r.output.trimEnd()}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} of ${results.length} published packages pass (${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed === 0 ? 0 : 1);
