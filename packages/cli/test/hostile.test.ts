/**
 * The CLI on a shared machine, against hostile vendors (issue 21): Ctrl-C while the embedded
 * mocks start. Every run is the built binary.
 */
import { VENDOR_NAMES } from '@switchboard/phone-numbers';
import { beforeAll, describe, expect, test } from 'vitest';
import { assertFreshBuild, childrenOf, isAlive, MOCK_NOTICE, run } from './helpers.js';

beforeAll(assertFreshBuild);

describe('Ctrl-C while --mock starts the mocks', () => {
  const signals = [
    ['SIGINT', 130, ['numbers', 'list', '--mock'], VENDOR_NAMES.length],
    ['SIGTERM', 143, ['numbers', 'get', '--vendor', 'vogent', '9b2f6c1e-4a7d-4e38-9f0a-2c5d8e1b7a40', '--mock'], 1],
  ] as const;

  // A terminal's Ctrl-C signals the whole foreground process group: the CLI and the Prism
  // processes it is starting, which die of it. Prism's start-up timeout is 60 s: a CLI that waits
  // it out fails here by the test's timeout (nothing here measures time).
  test.runIf(process.platform === 'linux').each(signals)(
    '%s to the process group once Prism runs: exit %i, no Prism left',
    { timeout: 30_000 },
    async (signal, code, args, mocks) => {
      let signalled: number[] = [];
      const result = await run([...args], {
        processGroup: true,
        onSpawn(child) {
          const watch = setInterval(() => {
            const prisms = childrenOf(child.pid!);
            if (prisms.length < mocks) return;
            clearInterval(watch);
            signalled = prisms;
            process.kill(-child.pid!, signal);
          }, 20);
          child.once('exit', () => clearInterval(watch));
        },
      });
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`${MOCK_NOTICE}switchboard: interrupted\n`);
      expect(signalled).toHaveLength(mocks);
      for (const pid of signalled) expect(isAlive(pid), `prism ${pid} left running`).toBe(false);
    },
  );
});
