import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, VENDOR_NAMES, type VendorName } from '@switchboard/phone-numbers';
import { operationOf } from '@switchboard/testing';
import { type AnyProviderFixture, loadFixtures } from '@switchboard/testing/conformance';
import { expect } from 'vitest';
import { CREATE_FIELD_FLAGS, type CreateField, secretVariable } from '../src/args.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const BIN = `${packageDir}dist/bin.js`;

/** Each registered vendor's API key variable (`VAPI_API_KEY`, …), in the registry's order. */
export const KEY_VARIABLES = VENDOR_NAMES.map((vendor) => `${vendor.toUpperCase()}_API_KEY`);

/**
 * Every vendor of the registry's conformance fixture (`packages/<vendor>/test/fixture.ts`): the
 * tests here run the CLI on each vendor with the calls its fixture names.
 */
export const FIXTURES: Record<VendorName, AnyProviderFixture> = await loadFixtures(VENDOR_NAMES);

/** How each vendor addresses a number (its provider's `idRule`). */
export const ID_RULES = Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, PROVIDERS[vendor].createProvider({ apiKey: 'key' }).idRule])) as Record<
  VendorName,
  'opaque' | 'e164'
>;

/**
 * A create input as the command line gives it: its fields as flags, its secret fields in their
 * variables (`SWITCHBOARD_PASSWORD`), as a user passes them.
 */
export function createArgs(input: { type: string } & Record<string, unknown>): { args: string[]; secrets: Record<string, string> } {
  const args = ['--type', input.type];
  const secrets: Record<string, string> = {};
  for (const [field, value] of Object.entries(input)) {
    if (field === 'type') continue;
    const { flag, secret } = CREATE_FIELD_FLAGS[field as CreateField];
    if (secret) secrets[secretVariable(field as CreateField)] = String(value);
    else args.push(`--${flag}`, String(value));
  }
  return { args, secrets };
}

/** Secret-looking values passed on purpose; no output of any run may contain them. */
export const CANARY = 'canary-Secret-4f9c2b7e1d';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** With `watchChildren`: every child process seen while it ran (the Prism mocks). */
  children: number[];
}

/** Every run of this test file, for the canary check. */
export const runs: Run[] = [];

/**
 * The tests drive the built binary, as users do: fail early, with the fix, when `dist/` is
 * missing or older than `src/` rather than testing stale code.
 */
export function assertFreshBuild(): void {
  let built: number;
  try {
    built = statSync(BIN).mtimeMs;
  } catch {
    throw new Error('packages/cli/dist/bin.js is missing: run `pnpm exec turbo run build` first');
  }
  const sources = readdirSync(`${packageDir}src`).map((file) => statSync(`${packageDir}src/${file}`).mtimeMs);
  if (Math.max(...sources) > built) throw new Error('packages/cli/dist is older than src: run `pnpm exec turbo run build` first');
}

/** The caller's environment without any vendor key, base URL override or mock switch. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !KEY_VARIABLES.includes(name) && !name.startsWith('SWITCHBOARD_')));
  return { ...env, ...extra };
}

/** What the CLI says on stderr, once, when it uses the embedded mocks: their answers are canned, and --sandbox is the way out. */
export const MOCK_NOTICE =
  "Using the embedded Prism mocks of Switchboard's specs: no real API is called, and every answer is a fixed example from the spec (nothing is created, changed or released; --sandbox gives answers that follow your changes).\n";

/** What the CLI says on stderr, once, when it uses the embedded sandbox. */
export const SANDBOX_NOTICE =
  "Using the embedded sandbox of Switchboard's specs: no real API is called; it starts from the specs' examples and keeps your changes until this command ends (`switchboard sandbox` keeps one running).\n";

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Called with the child once spawned (to signal it, say). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
  /** Record the binary's child processes while it runs (Linux). */
  watchChildren?: boolean;
  /** Another copy of the binary (default: this package's build). */
  bin?: string;
  /** Written to its standard input (a pipe); without it, stdin is empty (`/dev/null`). */
  stdin?: string;
  /**
   * Lead a process group of its own, as a shell runs a foreground job, so that a signal sent to
   * `-pid` reaches it and its children together, as Ctrl-C does.
   */
  processGroup?: boolean;
}

/** `node dist/bin.js …args`, stdout/stderr pipes (so: not a TTY). */
export function run(args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
      env: options.env ?? cleanEnv(),
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: options.processGroup === true,
    });
    if (options.stdin !== undefined) {
      // A CLI that refuses its arguments exits without reading its input.
      child.stdin!.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') reject(error);
      });
      child.stdin!.end(options.stdin);
    }
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const seen = new Set<number>();
    const watch = options.watchChildren
      ? setInterval(() => {
          for (const pid of childrenOf(child.pid!)) seen.add(pid);
        }, 50)
      : undefined;
    child.once('error', reject);
    child.once('exit', () => clearInterval(watch));
    child.once('close', (code, signal) => {
      const result = { code, signal, stdout, stderr, children: [...seen] };
      runs.push(result);
      resolve(result);
    });
    options.onSpawn?.(child);
  });
}

/** The error contract: exit `code`, nothing on stdout, one `switchboard: …` line on stderr, no stack. */
export function expectOneLineError(result: Run, code: 1 | 2, pattern?: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '' && `${line}\n` !== MOCK_NOTICE);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^switchboard: \S/);
  if (pattern) expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** The `METHOD`, path and operationId of a vendor's listing request, from its fixture. */
export function listingOf(vendor: VendorName): { method: string; path: string; operation: string } {
  const { key } = FIXTURES[vendor].list;
  const [method, path] = key.split(' ') as [string, string];
  return { method, path, operation: operationOf(vendor, key)!.operationId };
}

/** `text` as a regular expression's source that matches it literally. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');

/** The table's rows (header and summary line excluded), split on the column gaps. */
export function tableRows(stdout: string): string[][] {
  const lines = stdout.trimEnd().split('\n');
  return lines.slice(1, -1).map((line) => line.split(/ {2,}/));
}

export function expectNoCanary(): void {
  for (const result of runs) expect(result.stdout + result.stderr).not.toContain(CANARY);
}

/** Child processes of `pid`, from /proc (no `pgrep` needed). */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // The parent pid is the second field after the ")" that closes the command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface SandboxCommand {
  /** The `switchboard sandbox` process. */
  process: ChildProcess;
  /** The variables it printed for other runs: each vendor's key and base URL. */
  variables: Record<string, string>;
  /** What it said on stderr so far. */
  stderr(): string;
  /** Ctrl-C, as a person stops it (a kill it cannot catch would leave its Prism processes running); resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * `switchboard sandbox` (of `vendor`, or of every vendor) started and running: resolves once it has
 * printed the variables of every vendor it serves (the lines a shell would `export`).
 */
export async function startSandboxCommand(vendor?: (typeof VENDOR_NAMES)[number]): Promise<SandboxCommand> {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...(vendor === undefined ? [] : ['--vendor', vendor])], {
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(() => null);
  let stdout = '';
  child.stdout!.setEncoding('utf8');
  // It prints the variables in the registry's order.
  const last = `SWITCHBOARD_${(vendor ?? VENDOR_NAMES.at(-1)!).toUpperCase()}_BASE_URL`;
  while (!new RegExp(`${last}=\\S+\n`).test(stdout)) {
    const chunk = await Promise.race([once(child.stdout!, 'data').then(([data]) => data as string), exited]);
    if (chunk === null) throw new Error(`switchboard sandbox exited before it printed ${last}:\n${stderr}`);
    stdout += chunk;
  }
  const variables = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(\S+)$/gm)].map(([, name, value]) => [name!, value!]));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    await exited;
  };
  return { process: child, variables, stderr: () => stderr, stop };
}
