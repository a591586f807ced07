import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VENDORS } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestTargets } from '../../../scripts/require-build.mjs';
import { commandEnv, run, stopRunningCommands } from './commands.js';
import { type Registry, startRegistry } from './registry.js';
import {
  CATALOG,
  dependencyFields,
  expectedTarballFiles,
  type InstalledTree,
  installedTree,
  type Manifest,
  NEVER_PACKED,
  publicPackages,
  publishedDependencies,
  REPO_ROOT,
} from './workspace.js';

/** The CLI's commands, as `switchboard --help` lists them. */
const CLI_COMMANDS = ['list', 'get', 'create', 'link', 'unlink', 'release', 'search'];

/**
 * Upper bound of a production install of the facade alone (every vendor package, core, provider,
 * openapi-fetch; `src` shipped beside `dist`): 1.18 MB measured at 1.0.0. Prism alone is tens of MB.
 */
const FACADE_INSTALL_MAX_BYTES = 2_000_000;

const CONSUMER_FILES = fileURLToPath(new URL('../consumer/', import.meta.url));
const packages = publicPackages();

let workDir: string;
let registry: Registry | undefined;
/** The environment of the publishing commands: the registry and its token in the user's `.npmrc`. */
let publisherEnv: NodeJS.ProcessEnv;
/** `git status --porcelain` and `git tag --list` before the release. */
let repoBefore: string[];
/**
 * The two installs from the registry, started together once the release is out (each into its own
 * folder, so neither sees the other): they run while the published packages are checked.
 */
let consumerInstall: Promise<string>;
let productionInstall: Promise<string>;

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
  // Set up as CONTRIBUTING tells a maintainer: the registry and a token for it in the user's
  // .npmrc. npm will not publish without a token, even to a registry that takes anonymous
  // publishes; Verdaccio reads this placeholder as no user at all.
  const userconfig = join(workDir, 'publisher.npmrc');
  writeFileSync(userconfig, `registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=release-test-placeholder\n`);
  publisherEnv = commandEnv({ CI: 'true', npm_config_userconfig: userconfig });
  // The release's `turbo run build` replays the builds the test command's build gate made in this
  // same repository (same files, same hashes; turbo gives its tasks CI but never its --force):
  // this rehearsal proves publishing and consuming, the gate proves the compile. A package whose
  // cache entry is missing is still built. TURBO_FORCE, where the caller exports it, forced the
  // gate already; here it would compile every package a second time (51 s of CPU, measured).
  delete publisherEnv.TURBO_FORCE;
  repoBefore = [await git('status', '--porcelain'), await git('tag', '--list')];

  // The pnpm running this test, by name: npx would fetch pnpm from this registry, which serves
  // @switchboard only. changesets runs `pnpm publish` by name as well, with the registry pnpm
  // exports to the script (npm_config_registry), after asking `npm info` there what is out.
  await run('pnpm', ['run', 'release', '--no-git-tag'], { cwd: REPO_ROOT, env: publisherEnv });

  consumerInstall = installConsumer();
  productionInstall = installProduction();
  // Each is awaited by its own describe's beforeAll; one that fails before then is no unhandled rejection.
  for (const install of [consumerInstall, productionInstall]) install.catch(() => undefined);
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
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', ...specs], { cwd: workDir, env: publisherEnv });
    const tarballs = new Map(
      (JSON.parse(stdout) as { name: string; files: { path: string }[] }[]).map(({ name, files }) => [name, files.map(({ path }) => path).sort()]),
    );

    const shipped = Object.fromEntries(packages.map(({ manifest }) => [manifest.name, tarballs.get(manifest.name)]));
    expect.soft(shipped).toEqual(Object.fromEntries(packages.map((pkg) => [pkg.manifest.name, expectedTarballFiles(pkg)])));

    const forbidden = [...tarballs].flatMap(([name, files]) =>
      files.filter((file) => NEVER_PACKED.some((rule) => rule.test(file))).map((file) => `${name}: ${file}`),
    );
    expect.soft(forbidden).toEqual([]);

    // What the manifest points consumers at, by the prepack guard's rule: present in the tarball itself.
    const missingEntryPoints = packages.flatMap(({ manifest }) =>
      manifestTargets(manifest)
        .map((target: string) => target.replace(/^\.\//, ''))
        .filter((path: string) => !tarballs.get(manifest.name)?.includes(path))
        .map((path: string) => `${manifest.name}: ${path}`),
    );
    expect.soft(missingEntryPoints).toEqual([]);
  });
});

/** A plain npm project with the facade, a vendor client, the CLI, the mocks and TypeScript installed: its folder. */
async function installConsumer(): Promise<string> {
  const project = projectFolder('consumer', { name: 'consumer', private: true, type: 'module' });
  cpSync(CONSUMER_FILES, project, { recursive: true });
  const dependencies = ['@switchboard/phone-numbers', '@switchboard/vapi', '@switchboard/cli', '@switchboard/mocks', `typescript@${CATALOG.typescript}`];
  // No --prefer-offline: each run publishes the same versions with new contents, and a packument
  // cached by an earlier run on the same port would install that run's tarball from npm's cache.
  await run('npm', ['install', '--no-audit', '--no-fund', ...dependencies], { cwd: project, env: commandEnv() });
  return project;
}

/** A project with a production install of the facade alone: its folder. */
async function installProduction(): Promise<string> {
  const project = projectFolder('production', { name: 'production', private: true });
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '@switchboard/phone-numbers'], { cwd: project, env: commandEnv() });
  return project;
}

describe('a plain npm project outside the workspace', () => {
  let project: string;
  const env = commandEnv();

  beforeAll(async () => {
    project = await consumerInstall;
  });

  // Alone: it starts a Prism per vendor, which must answer within its start-up limit.
  it('starts the mocks and lists every vendor through the facade from an ES module', async () => {
    const { stdout } = await run('node', ['list-numbers.mjs'], { cwd: project, env });
    const numbers = JSON.parse(stdout) as { vendor: string; number: string | null }[];
    expect([...new Set(numbers.map(({ vendor }) => vendor))].sort()).toEqual(VENDORS);
    // A vendor row without a number is null (Vapi's example lists one), never an empty string.
    for (const { number } of numbers) expect(number === null || /\S/.test(number)).toBe(true);
  });

  // The other checks run their own processes in the project and change nothing there: at once,
  // each asserting with its own test's expect.
  it.concurrent('requires the facade and a vendor client from CommonJS', async ({ expect }) => {
    const { stdout } = await run('node', ['require.cjs'], { cwd: project, env });
    const loaded = JSON.parse(stdout) as { vendors: string[]; facadeVendor: string; clientMethods: string[] };
    expect({ ...loaded, vendors: [...loaded.vendors].sort() }).toEqual({
      vendors: VENDORS,
      facadeVendor: 'vapi',
      clientMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    });
  });

  it.concurrent.for(['nodenext', 'bundler'])('type-checks a strict consumer with %s resolution', async (resolution) => {
    await run('node', ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${resolution}.json`], { cwd: project, env });
  });

  it.concurrent('runs npx switchboard --help', async ({ expect }) => {
    // --no: the project's own bin or a failure, never npmjs's unrelated `switchboard` package.
    const { stdout } = await run('npx', ['--no', '--', 'switchboard', '--help'], { cwd: project, env });
    expect(stdout).toMatch(/^Usage: switchboard numbers <command>/);
    const listed = [...stdout.matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]);
    expect(listed).toEqual(expect.arrayContaining(CLI_COMMANDS));
  });
});

describe('a production install of the facade alone', () => {
  let tree: InstalledTree;

  beforeAll(async () => {
    tree = installedTree(join(await productionInstall, 'node_modules'));
  });

  it('has no Prism in its tree', () => {
    expect(tree.packages).toContain('@switchboard/phone-numbers');
    expect(tree.packages).not.toContain('@stoplight/prism-cli');
  });

  it(`stays under ${FACADE_INSTALL_MAX_BYTES / 1e6} MB`, () => {
    expect(tree.bytes).toBeLessThan(FACADE_INSTALL_MAX_BYTES);
  });
});
