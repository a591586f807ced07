import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'] as const;
type Dependencies = Partial<Record<(typeof DEPENDENCY_FIELDS)[number], Record<string, string>>>;

export interface Manifest extends Dependencies {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
}

export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

interface WorkspaceFile {
  packages: string[];
  catalog: Record<string, string>;
}

const workspaceFile = parse(readFileSync(join(REPO_ROOT, 'pnpm-workspace.yaml'), 'utf8')) as WorkspaceFile;

/** The shared versions of `pnpm-workspace.yaml`, which `catalog:` specifiers name. */
export const CATALOG: Readonly<Record<string, string>> = workspaceFile.catalog;

function readPackage(dir: string): WorkspacePackage {
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
}

/** Every workspace package, private ones included, from the globs of `pnpm-workspace.yaml` (`dir` or `dir/*`). */
function workspacePackages(): WorkspacePackage[] {
  return workspaceFile.packages.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [readPackage(join(REPO_ROOT, glob))];
    const parent = join(REPO_ROOT, glob.slice(0, -2));
    return readdirSync(parent)
      .map((name) => join(parent, name))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map(readPackage);
  });
}

/** The packages a release publishes: each `packages/<name>/package.json` without `"private": true`. */
export function publicPackages(): WorkspacePackage[] {
  return workspacePackages()
    .filter(({ dir, manifest }) => relative(REPO_ROOT, dir).startsWith(`packages${sep}`) && manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** The dependency fields a manifest has, as written. */
export function dependencyFields(manifest: Manifest): Dependencies {
  return Object.fromEntries(DEPENDENCY_FIELDS.filter((field) => manifest[field] !== undefined).map((field) => [field, manifest[field]]));
}

/**
 * The dependency fields of a workspace manifest as pnpm publishes them: `workspace:*` becomes the
 * package's version, `workspace:^` and `workspace:~` that version behind `^` or `~`, any other
 * `workspace:<range>` the range (pnpm.io/workspaces#publishing-workspace-packages), and `catalog:`
 * the catalog's version (pnpm.io/catalogs).
 */
export function publishedDependencies(manifest: Manifest): Dependencies {
  const versions = new Map(workspacePackages().map((pkg) => [pkg.manifest.name, pkg.manifest.version]));
  const resolve = (name: string, specifier: string): string => {
    if (specifier.startsWith('workspace:')) {
      const range = specifier.slice('workspace:'.length);
      const version = versions.get(name);
      if (version === undefined) throw new Error(`${manifest.name} depends on ${name}@${specifier}, which is no workspace package`);
      return range === '*' ? version : range === '^' || range === '~' ? `${range}${version}` : range;
    }
    if (specifier === 'catalog:') {
      const version = CATALOG[name];
      if (version === undefined) throw new Error(`${manifest.name} depends on ${name}@catalog:, which the catalog does not list`);
      return version;
    }
    return specifier;
  };
  const fields = Object.entries(dependencyFields(manifest)).map(([field, dependencies]) => [
    field,
    Object.fromEntries(Object.entries(dependencies).map(([name, specifier]) => [name, resolve(name, specifier)])),
  ]);
  return Object.fromEntries(fields);
}

/** Files npm packs from a package's root whatever its `files` says (npm-packlist's rule). */
const ALWAYS_PACKED = /^(readme|copying|license|licence)(\..*)?$/i;

/** Relative paths, with `/`, of the files under `path` (itself if it is a file). */
function filesUnder(path: string, root: string): string[] {
  if (!existsSync(path)) return [];
  if (!lstatSync(path).isDirectory()) return [relative(root, path).split(sep).join('/')];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name), root));
}

const LICENCE = /^licen[cs]e(\..+)?$/i;

/**
 * What a package's tarball must hold, no more and no less: its manifest, its README, its licence
 * (the repo's, which pnpm adds to a package that has none), and every file under the entries of
 * its `files` as the build left them.
 */
export function expectedTarballFiles({ dir, manifest }: WorkspacePackage): string[] {
  const atRoot = readdirSync(dir).filter((name) => ALWAYS_PACKED.test(name));
  const licence = atRoot.some((name) => LICENCE.test(name)) ? [] : readdirSync(REPO_ROOT).filter((name) => LICENCE.test(name));
  const listed = (manifest.files ?? []).flatMap((entry) => filesUnder(join(dir, entry), dir));
  return [...new Set(['package.json', 'README.md', ...atRoot, ...licence, ...listed])].sort();
}

/** What no tarball may hold, whatever `files` says: tests, build and test configuration, caches, installs. */
export const NEVER_PACKED: readonly RegExp[] = [
  /(^|\/)(test|tests|__tests__)\//,
  /\.(test|spec)[.-]/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /\.tsbuildinfo$/,
  /(^|\/)vitest\.[^/]*config\./,
  /(^|\/)\.turbo\//,
  /(^|\/)node_modules\//,
];

export interface InstalledTree {
  /** Names of the packages installed anywhere in the tree. */
  packages: Set<string>;
  /** Total size of its files, in bytes. */
  bytes: number;
}

/** What an npm install put under `nodeModules`: every package it holds, nested ones included, and their size. */
export function installedTree(nodeModules: string): InstalledTree {
  const tree: InstalledTree = { packages: new Set(), bytes: 0 };
  for (const file of filesUnder(nodeModules, nodeModules)) {
    const stats = lstatSync(join(nodeModules, file));
    if (stats.isFile()) tree.bytes += stats.size;
    const name = /(?:^|\/node_modules\/)((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file)?.[1];
    if (name !== undefined && !name.startsWith('.')) tree.packages.add(name);
  }
  return tree;
}
