// The git repository a spec report reads: the one of the current directory, so the reports can be
// pointed at any clone (the tests build throwaway ones). Files come from a commit or from the
// working tree, which holds staged and unstaged edits alike.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CannotRun } from '../cannot-run.js';
import { vendorsIn } from '../vendors.js';

function git(args: string[], cwd: string): { ok: boolean; out: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, out: result.stdout ?? '' };
}

/** The top folder of the current directory's repository. */
export function repoRoot(): string {
  const { ok, out } = git(['rev-parse', '--show-toplevel'], process.cwd());
  if (!ok) throw new CannotRun('not inside a git repository');
  return out.trim();
}

/** The commit a ref names; an unknown ref cannot run. */
export function resolveCommit(root: string, ref: string): string {
  const { ok, out } = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (!ok) throw new CannotRun(`unknown git ref ${ref}`);
  return out.trim();
}

// The release rule: the nearest tag reachable from HEAD in changesets' `@switchboard/<pkg>@<version>`
// format. Nearest-reachable (not newest-by-date) so a release tagged on another branch is never the
// base; format-restricted so an unrelated tag (say `v0-demo`) is never mistaken for a release.
// `changeset tag` tags every released package on the same commit, so which of them wins is moot.
export function latestReleaseTag(root: string): string | undefined {
  const { ok, out } = git(['describe', '--tags', '--abbrev=0', '--match', '@switchboard/*@*'], root);
  return ok ? out.trim() : undefined;
}

/** A file's text at a commit (undefined when it does not exist there). */
export function fileAtCommit(root: string, commit: string, path: string): string | undefined {
  const { ok, out } = git(['show', `${commit}:${path}`], root);
  return ok ? out : undefined;
}

/** A file's text in the working tree (undefined when it does not exist). */
export function fileInWorkingTree(root: string, path: string): string | undefined {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Paths of the files under a folder at a commit. */
export function filesAtCommit(root: string, commit: string, folder: string): string[] {
  return git(['ls-tree', '-r', '--name-only', commit, '--', folder], root).out.split('\n').filter(Boolean);
}

/** Vendors = folders of specs/ holding an openapi.yaml, in the working tree or at the commit. */
export function listVendors(root: string, commit: string): string[] {
  const vendors = new Set(vendorsIn(join(root, 'specs')));
  for (const file of filesAtCommit(root, commit, 'specs')) {
    const match = /^specs\/([^/]+)\/openapi\.yaml$/.exec(file);
    if (match) vendors.add(match[1]!);
  }
  return [...vendors].sort();
}
