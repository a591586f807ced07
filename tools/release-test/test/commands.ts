import { type ChildProcess, spawn } from 'node:child_process';

export interface Output {
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const running = new Set<ChildProcess>();

/**
 * Run a command to its end without a shell. Asynchronous on purpose: the registry runs in this
 * process and must keep answering while npm and pnpm talk to it. A failure is an error holding
 * the command, where it ran, its exit status and everything it printed.
 */
export function run(command: string, args: readonly string[], { cwd, env }: RunOptions): Promise<Output> {
  const line = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => {
      running.delete(child);
      reject(new Error(`\`${line}\` could not start in ${cwd}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      if (code === 0) return resolve({ stdout, stderr });
      const status = signal === null ? `exited with ${code}` : `was killed by ${signal}`;
      reject(new Error(`\`${line}\` ${status} in ${cwd}\n--- stderr ---\n${stderr.trimEnd()}\n--- stdout ---\n${stdout.trimEnd()}`));
    });
  });
}

/** Stop the commands still running (after a timed-out step): npm, npx and pnpm pass the signal on to their own children. */
export function stopRunningCommands(): void {
  for (const child of running) child.kill('SIGTERM');
  running.clear();
}

/**
 * The environment for npm, npx and pnpm: this process's, minus the npm and pnpm settings the runner
 * exported (npx exports `npm_config_userconfig`, pnpm its own `pnpm_config_*`), plus `settings`.
 * Each command then reads only the configuration the test gives it, whatever started the test.
 */
export function commandEnv(settings: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !/^p?npm_config_/i.test(name));
  return { ...Object.fromEntries(inherited), ...settings };
}
