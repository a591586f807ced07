import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningMocks, startMocks } from '@switchboard/mocks';
import type { TestProject } from 'vitest/node';
import { specPath, VENDORS } from './vendors.js';

/**
 * Mocks already running, as JSON `{ "<vendor>": "<base URL>" }`: scripts/test.mjs starts every
 * vendor's mock once for all the packages' test runs and hands them over here, so each run does not
 * start (and warm up) its own. Unset, each run starts its own.
 */
export const PRISM_URLS_VARIABLE = 'SWITCHBOARD_PRISM_URLS';

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

/** The URLs `PRISM_URLS_VARIABLE` names, if it is set. */
function urlsFromEnvironment(): Readonly<Record<string, string>> | undefined {
  const value = process.env[PRISM_URLS_VARIABLE];
  if (value === undefined || value === '') return undefined;
  let urls: unknown;
  try {
    urls = JSON.parse(value);
  } catch {
    throw new Error(`${PRISM_URLS_VARIABLE} must be JSON, { "<vendor>": "<base URL>" }; it is not`);
  }
  const isUrlMap = typeof urls === 'object' && urls !== null && !Array.isArray(urls) && Object.values(urls).every((url) => typeof url === 'string');
  if (!isUrlMap) throw new Error(`${PRISM_URLS_VARIABLE} must be a JSON object of base URLs, { "<vendor>": "<base URL>" }`);
  return urls as Record<string, string>;
}

/** The URLs of `vendors` from the running mocks `urls` names, if it names every one of them. */
function pick(urls: Readonly<Record<string, string>> | undefined, vendors: readonly string[]): Record<string, string> | undefined {
  if (urls === undefined || !vendors.every((vendor) => urls[vendor] !== undefined)) return undefined;
  return Object.fromEntries(vendors.map((vendor) => [vendor, urls[vendor]!]));
}

/**
 * One request to each mock before any test: a URL from a run that has since ended fails here, naming
 * where it came from, rather than as connection errors in every test. Any answer will do (Prism
 * answers its root with 404).
 */
async function expectAnswers(urls: Readonly<Record<string, string>>): Promise<void> {
  await Promise.all(
    Object.entries(urls).map(async ([vendor, url]) => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
      } catch (error) {
        const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        throw new Error(`${PRISM_URLS_VARIABLE} names ${url} for ${vendor}'s mock, which does not answer (${reason}); unset it to start this run's own mocks`);
      }
    }),
  );
}

/**
 * vitest globalSetup of the projects that talk to Prism: one mock per spec. A project whose every
 * vendor `PRISM_URLS_VARIABLE` names uses those mocks, and leaves them running. Otherwise the run
 * starts its own, each on a free port, stopped after the run: vitest runs the projects' global
 * setups one after another, so the first one starts every spec any project of the run needs, all at
 * once; each project then waits for its own.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const running = urlsFromEnvironment();
  const runningFor = (of: TestProject) => pick(running, vendorsOf(of));
  const given = runningFor(project);
  if (given !== undefined) {
    await expectAnswers(given);
    project.provide('prismUrls', given);
    return undefined;
  }
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
  for (const other of project.vitest.projects) {
    if (usesThisSetup(other) && runningFor(other) === undefined) vendorsOf(other).forEach(start);
  }
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

/** Teardowns run after every test of the run: the last one stops every mock it started, claimed or not. */
async function release(pool: Pool): Promise<void> {
  if (--pool.users > 0) return;
  const all = [...pool.mocks.values()];
  pool.mocks.clear();
  await Promise.allSettled(all.map(async (mocks) => (await mocks).stop()));
}
