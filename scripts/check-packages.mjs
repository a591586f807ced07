#!/usr/bin/env node
// Checks published packages as npm would ship them: publint for the manifest and file list, attw
// for how TypeScript resolves their types. With no argument, every published package (each
// packages/*/package.json without "private": true); with package folders, those. Run after
// `pnpm build` (both read dist/). One line per package; exits 1 if any fails.
//
// Each package is packed once, by npm itself (the file selection publishing uses: "files",
// .npmignore), and both tools read that one tarball through their APIs in this process, so
// TypeScript (attw's) loads once however many packages are checked.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { problemKindInfo } from '@arethetypeswrong/core/problems';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = fileURLToPath(new URL('../', import.meta.url));

// Every entry point is ESM-only today, so attw's esm-only profile skips the CommonJS resolutions:
// these are the ones its CLI's `--profile esm-only` ignores (@arethetypeswrong/cli's profiles.js).
// Whether to ship CommonJS too is still to be decided; when it is, empty this list so those
// resolutions are checked.
const IGNORED_RESOLUTIONS = ['node10', 'node16-cjs'];

const readPackage = (dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) });

function published() {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
    .map((entry) => readPackage(join(root, 'packages', entry.name)))
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/**
 * Packs the packages into `destination` with one npm process: by package name, the tarball's path,
 * or npm's own output when it failed. The same tarballs, byte for byte, as `npm pack` in each
 * folder. Scripts are skipped as publint's own packing did: a `prepack` guards publishing, it does
 * not change what is packed. The folders are absolute: npm would read `packages/core` as a GitHub repo.
 */
function npmPack(packages, destination) {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...packages.map(({ dir }) => dir)];
  return new Promise((resolve) => {
    execFile('npm', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return resolve({ ok: false, output: `${stderr}${error.message}\n` });
      const tarballs = new Map(JSON.parse(stdout).map((entry) => [entry.name, join(destination, entry.filename)]));
      resolve({ ok: true, tarballs });
    });
  });
}

/** publint on the tarball as `publint --strict` runs: a warning fails like an error, a suggestion only shows. */
async function runPublint(tarball) {
  const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer }, strict: true, level: 'suggestion' });
  const lines = ['error', 'warning', 'suggestion'].flatMap((type) =>
    messages.filter((message) => message.type === type).map((message) => `  ${type}: ${formatMessage(message, pkg, { color: false })}`),
  );
  return { ok: !messages.some((message) => message.type === 'error'), output: lines.join('\n') };
}

/** Where a problem is, in attw's terms: the import and resolution, the file pair or the file. */
function problemSite(problem, packageName) {
  if ('entrypoint' in problem) return `"${packageName}${problem.entrypoint.slice(1)}" (${problem.resolutionKind})`;
  if ('typesFileName' in problem) return `${problem.typesFileName} for ${problem.implementationFileName}`;
  return 'moduleSpecifier' in problem ? `"${problem.moduleSpecifier}" in ${problem.fileName}` : problem.fileName;
}

/**
 * attw on the tarball, failing as its CLI does: on any problem but those only in an ignored
 * resolution. A package with no types at all has nothing to check (the CLI passes it too).
 */
async function runAttw(tarball) {
  const analysis = await checkPackage(createPackageFromTarballData(tarball));
  if (!analysis.types) return { ok: true, note: 'no types', output: '' };
  const problems = analysis.problems.filter((problem) => !('resolutionKind' in problem && IGNORED_RESOLUTIONS.includes(problem.resolutionKind)));
  const lines = problems.map((problem) => {
    const info = problemKindInfo[problem.kind];
    return `  ${problemSite(problem, analysis.packageName)}: ${info.description} ${info.docsUrl}`;
  });
  return { ok: problems.length === 0, output: lines.join('\n') };
}

async function check({ dir, manifest }, tarballPath) {
  const started = performance.now();
  const rel = relative(root, dir);
  const tarball = new Uint8Array(await readFile(tarballPath));
  // A tool that throws (a tarball it cannot read) fails this package, not the whole run.
  const settle = (run) => run().catch((error) => ({ ok: false, output: `  ${error.message}` }));
  const publintResult = await settle(() => runPublint(tarball));
  const attwResult = await settle(() => runAttw(tarball));
  const part = (tool, result) => `${tool} ${result.ok ? 'ok' : 'FAILED'}${result.note ? ` (${result.note})` : ''}`;
  return {
    name: manifest.name,
    ok: publintResult.ok && attwResult.ok,
    summary: `${part('publint', publintResult)}, ${part('attw (esm-only)', attwResult)}`,
    output: [publintResult.ok ? '' : `publint (${rel}):\n${publintResult.output}\n`, attwResult.ok ? '' : `attw (${rel}):\n${attwResult.output}\n`].join(''),
    ms: performance.now() - started,
  };
}

/** The packages whose built files are there, checked; the others fail without packing. */
async function checkAll(packages, destination) {
  const results = new Map();
  const built = [];
  for (const pkg of packages) {
    const missing = (pkg.manifest.files ?? []).filter((entry) => !existsSync(join(pkg.dir, entry)));
    if (missing.length === 0) built.push(pkg);
    else results.set(pkg, { name: pkg.manifest.name, ok: false, summary: `${missing.join(', ')} missing: run \`pnpm build\` first`, output: '', ms: 0 });
  }
  // npm's start and its walk of each package's node_modules cost more than the checks, so the
  // packing is spread over one npm process a core; each batch is checked as soon as it is packed.
  const batchCount = Math.min(built.length, Math.max(1, availableParallelism()));
  const batches = Array.from({ length: batchCount }, (_, index) => built.filter((_, position) => position % batchCount === index));
  await Promise.all(
    batches.map(async (batch) => {
      const packed = await npmPack(batch, destination);
      for (const pkg of batch) {
        results.set(
          pkg,
          packed.ok
            ? await check(pkg, packed.tarballs.get(pkg.manifest.name))
            : { name: pkg.manifest.name, ok: false, summary: 'npm pack FAILED', output: `npm pack (${relative(root, pkg.dir)}):\n${packed.output}`, ms: 0 },
        );
      }
    }),
  );
  return packages.map((pkg) => results.get(pkg));
}

const started = performance.now();
const folders = process.argv.slice(2);
const packages = folders.length > 0 ? folders.map((folder) => readPackage(resolve(folder))) : published();
if (packages.length === 0) {
  console.error('No published package found under packages/.');
  process.exit(1);
}
const destination = await mkdtemp(join(tmpdir(), 'switchboard-check-packages-'));
const results = await checkAll(packages, destination).finally(() => rm(destination, { recursive: true, force: true }));
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name.padEnd(width)}  ${r.summary}  (${(r.ms / 1000).toFixed(1)} s)`);
for (const r of results) if (!r.ok && r.output) console.error(`\n${r.output.trimEnd()}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} of ${results.length} published packages pass (${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed === 0 ? 0 : 1);
