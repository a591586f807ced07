import { spawn } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { expect, test } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;

test('pnpm dev notices a saved spec and runs lint, generate and build for that vendor', async () => {
  const dev = spawn('node', ['scripts/dev.mjs', '--dry-run'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const saw = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${text}" in:\n${output}`)), 20_000);
      const check = () => output.includes(text) && (clearTimeout(timer), resolve());
      dev.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        check();
      });
      check();
    });
  try {
    await saw('watching specs');
    const spec = `${repo}specs/vogent/openapi.yaml`;
    const now = new Date();
    utimesSync(spec, now, now);
    await saw('vogent: up to date');
    expect(output).toContain('would lint: node_modules/.bin/redocly lint --config specs/redocly.yaml specs/vogent/openapi.yaml');
    expect(output).toMatch(/would generate: .*turbo run generate:code/);
    expect(output).toMatch(/would build .*turbo run build --filter=\.\.\.@switchboard\/vogent-types/);
    expect(output).not.toContain('vapi: spec changed');
  } finally {
    dev.kill();
  }
}, 30_000);
