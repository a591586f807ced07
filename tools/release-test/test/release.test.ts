import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VENDORS } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandEnv, run, stopRunningCommands } from './commands.js';
import { type Registry, startRegistry } from './registry.js';
import {
  CATALOG,
  dependencyFields,
  entryPoints,
  expectedTarballFiles,
  installedTree,
  type Manifest,
  NEVER_PACKED,
  PACKAGE_MANAGER,
  publicPackages,
  publishedDependencies,
  REPO_ROOT,
} from './workspace.js';

/** The CLI's commands, as `switchboard --help` lists them. */
const CLI_COMMANDS = ['list', 'get', 'create', 'link', 'unlink', 'release', 'search'];

/**
 * Upper bound of a production install of the facade alone (all its vendors, core, provider,
 * openapi-fetch): 1.38 MB measured at 0.0.0, with `src` shipped beside `dist`. Prism alone would be
 * tens of MB.
 */
const FACADE_INSTALL_MAX_BYTES = 2_500_000;

const CONSUMER_FILES = fileURLToPath(new URL('../consumer/', import.meta.url));
const packages = publicPackages();

let workDir: string;
let registry: Registry | undefined;
/** `git status --porcelain` and `git tag --list` before the release. */
let repoBefore: string[];

/** Run `git` in the repo and give its output. */
async function git(...args: string[]): Promise<string> {
  return (await run('git', args, { cwd: REPO_ROOT, env: process.env })).stdout;
}

/** The registry's document of a package: every version, with its manifest as published. */
async function packument(name: string): Promise<{ 'dist-tags': Record<string, string>; versions: Record<string, Manifest> }> {
  const response = await fetch(new URL(name.replace('/', '%2f'), registry!.url));
  if (!response.ok) throw new Error(`${name}: the registry answered ${response.status}`);
  return response.json() as never;
}

/** A folder with its own `.npmrc` giving the @switchboard scope to the registry, as the README tells internal teams. */
function projectFolder(name: string, manifest: object): string {
  const dir = join(workDir, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, '.npmrc'), `@switchboard:registry=${registry!.url}\n`);
  return dir;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'switchboard-release-'));
  registry = await startRegistry(join(workDir, 'verdaccio'));
  const { host } = new URL(registry.url);
  // npm will not publish without a token for the registry, even one that takes anonymous
  // publishes; Verdaccio reads this placeholder as no user at all.
  const userconfig = join(workDir, 'publisher.npmrc');
  writeFileSync(userconfig, `@switchboard:registry=${registry.url}\n//${host}/:_authToken=release-test-placeholder\n`);
  repoBefore = [await git('status', '--porcelain'), await git('tag', '--list')];

  // The scope, not the default registry, goes to Verdaccio: that keeps npx fetching pnpm from npm's
  // registry, and changesets reads a registry only from npm_config_* variables, the scope's first
  // (it asks `npm info` there whether each version is out, then runs `pnpm publish` with it).
  await run('npx', ['-y', PACKAGE_MANAGER, 'run', 'release', '--no-git-tag'], {
    cwd: REPO_ROOT,
    env: commandEnv({ CI: 'true', npm_config_userconfig: userconfig, 'npm_config_@switchboard:registry': registry.url }),
  });
});

afterAll(async () => {
  stopRunningCommands();
  await registry?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('pnpm release --no-git-tag', () => {
  it('publishes every public package at its version, with its workspace: and catalog: specifiers resolved', async () => {
    const published = Object.fromEntries(
      await Promise.all(
        packages.map(async ({ manifest }) => {
          const { 'dist-tags': tags, versions } = await packument(manifest.name);
          const version = versions[manifest.version];
          return [manifest.name, { latest: tags.latest, version: version?.version, ...(version && dependencyFields(version)) }];
        }),
      ),
    );
    // Read back from the registry, against what pnpm documents it writes for each specifier.
    const expected = Object.fromEntries(
      packages.map(({ manifest }) => [manifest.name, { latest: manifest.version, version: manifest.version, ...publishedDependencies(manifest) }]),
    );
    expect(published).toEqual(expected);
  });

  it('leaves the repository as it was: no change, no tag', async () => {
    expect([await git('status', '--porcelain'), await git('tag', '--list')]).toEqual(repoBefore);
  });

  it('ships the manifest, the README and the built files in each tarball, and nothing else', async () => {
    const specs = packages.map(({ manifest }) => `${manifest.name}@${manifest.version}`);
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', ...specs], {
      cwd: workDir,
      env: commandEnv({ 'npm_config_@switchboard:registry': registry!.url }),
    });
    const tarballs = new Map(
      (JSON.parse(stdout) as { name: string; files: { path: string }[] }[]).map(({ name, files }) => [name, files.map(({ path }) => path).sort()]),
    );

    const shipped = Object.fromEntries(packages.map(({ manifest }) => [manifest.name, tarballs.get(manifest.name)]));
    expect(shipped).toEqual(Object.fromEntries(packages.map((pkg) => [pkg.manifest.name, expectedTarballFiles(pkg)])));

    const forbidden = [...tarballs].flatMap(([name, files]) =>
      files.filter((file) => NEVER_PACKED.some((rule) => rule.test(file))).map((file) => `${name}: ${file}`),
    );
    expect(forbidden).toEqual([]);

    const missingEntryPoints = packages.flatMap(({ manifest }) =>
      entryPoints(manifest)
        .filter((path) => !tarballs.get(manifest.name)?.includes(path))
        .map((path) => `${manifest.name}: ${path}`),
    );
    expect(missingEntryPoints).toEqual([]);
  });
});

describe('a plain npm project outside the workspace', () => {
  let project: string;
  const env = commandEnv();

  beforeAll(async () => {
    project = projectFolder('consumer', { name: 'consumer', private: true, type: 'module' });
    cpSync(CONSUMER_FILES, project, { recursive: true });
    const dependencies = ['@switchboard/phone-numbers', '@switchboard/vapi', '@switchboard/cli', '@switchboard/mocks', `typescript@${CATALOG.typescript}`];
    // No --prefer-offline: each run publishes the same versions with new contents, and a packument
    // cached by an earlier run on the same port would install that run's tarball from npm's cache.
    await run('npm', ['install', '--no-audit', '--no-fund', ...dependencies], { cwd: project, env });
  });

  it('starts the mocks and lists every vendor through the facade from an ES module', async () => {
    const { stdout } = await run('node', ['list-numbers.mjs'], { cwd: project, env });
    const numbers = JSON.parse(stdout) as { vendor: string; number: string }[];
    expect([...new Set(numbers.map(({ vendor }) => vendor))].sort()).toEqual(VENDORS);
    for (const { number } of numbers) expect(number).toMatch(/\S/);
  });

  it('requires the facade and a vendor client from CommonJS', async () => {
    const { stdout } = await run('node', ['require.cjs'], { cwd: project, env });
    const loaded = JSON.parse(stdout) as { vendors: string[]; facadeVendor: string; clientMethods: string[] };
    expect({ ...loaded, vendors: [...loaded.vendors].sort() }).toEqual({
      vendors: VENDORS,
      facadeVendor: 'vapi',
      clientMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    });
  });

  it.each(['nodenext', 'bundler'])('type-checks a strict consumer with %s resolution', async (resolution) => {
    await run('node', ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${resolution}.json`], { cwd: project, env });
  });

  it('runs npx switchboard --help', async () => {
    const { stdout } = await run('npx', ['switchboard', '--help'], { cwd: project, env });
    expect(stdout).toMatch(/^Usage: switchboard numbers <command>/);
    const listed = [...stdout.matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]);
    expect(listed).toEqual(expect.arrayContaining(CLI_COMMANDS));
  });
});

describe('a production install of the facade alone', () => {
  let tree: ReturnType<typeof installedTree>;

  beforeAll(async () => {
    const project = projectFolder('production', { name: 'production', private: true });
    await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '@switchboard/phone-numbers'], { cwd: project, env: commandEnv() });
    tree = installedTree(join(project, 'node_modules'));
  });

  it('has no Prism in its tree', () => {
    expect(tree.packages).toContain('@switchboard/phone-numbers');
    expect(tree.packages).not.toContain('@stoplight/prism-cli');
  });

  it(`stays under ${FACADE_INSTALL_MAX_BYTES / 1e6} MB`, () => {
    expect(tree.bytes).toBeLessThan(FACADE_INSTALL_MAX_BYTES);
  });
});
