import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningMocks, startMocks } from '@switchboard/mocks';
import type { TestProject } from 'vitest/node';
import { specPath, VENDORS } from './vendors.js';

/** The mocks of one vitest run, shared by its projects (global setups of a run share the main process). */
interface Pool {
  mocks: Map<string, Promise<RunningMocks>>;
  /** Projects whose setup ran and whose teardown has not. */
  users: number;
}
const POOL = Symbol.for('@switchboard/testing:prism-pool');
const pools = globalThis as { [POOL]?: Pool };

/**
 * The project's package name. vitest names a project after its package.json only as one of a run's
 * several projects; a package's own run (its `test` script, turbo's task) has an unnamed one.
 */
function packageName(project: TestProject): string {
  return project.name || (JSON.parse(readFileSync(join(project.config.root, 'package.json'), 'utf8')) as { name: string }).name;
}

/** A vendor's own package (`@switchboard/<vendor>`) needs its spec only; any other project gets every spec. */
function vendorsOf(project: TestProject): readonly string[] {
  const own = /^@switchboard\/(.+)$/.exec(packageName(project))?.[1];
  return own !== undefined && VENDORS.includes(own) ? [own] : VENDORS;
}

const usesThisSetup = (project: TestProject) => [project.config.globalSetup].flat().some((file) => /testing\/src\/global-setup\.ts$/.test(file));

/**
 * vitest globalSetup of the projects that talk to Prism: one mock per spec, on a free port, stopped
 * after the run. vitest runs the projects' global setups one after another, so the first one starts
 * every spec any project of the run needs, all at once; each project then waits for its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  pools[POOL] ??= { mocks: new Map(), users: 0 };
  const pool = pools[POOL];
  const start = (vendor: string) => {
    // Warmed up: the first request of each operation then takes milliseconds, not seconds, so
    // timeouts in tests measure the code under test rather than Prism compiling a large spec.
    if (pool.mocks.has(vendor)) return;
    const mocks = startMocks([vendor], { specFor: specPath, warmUp: true });
    // A mock no project waits for must not fail the run as an unhandled rejection.
    mocks.catch(() => undefined);
    pool.mocks.set(vendor, mocks);
  };
  for (const other of project.vitest.projects) if (usesThisSetup(other)) vendorsOf(other).forEach(start);
  vendorsOf(project).forEach(start);
  pool.users++;
  try {
    const started = await Promise.all(vendorsOf(project).map((vendor) => pool.mocks.get(vendor)!));
    project.provide('prismUrls', Object.assign({}, ...started.map((mocks) => mocks.urls)));
  } catch (error) {
    await release(pool);
    throw error;
  }
  return () => release(pool);
}

/** Teardowns run after every test of the run: the last one stops every mock, claimed or not. */
async function release(pool: Pool): Promise<void> {
  if (--pool.users > 0) return;
  const all = [...pool.mocks.values()];
  pool.mocks.clear();
  await Promise.allSettled(all.map(async (mocks) => (await mocks).stop()));
}
