import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, test } from 'vitest';
import { parse } from 'yaml';
import { findChrome, HOW_TO_PROVIDE_CHROME } from '../../../scripts/find-chrome.mjs';
import { vendors } from '../../../scripts/vendors.mjs';

const run = promisify(execFile);
const repo = new URL('../../../', import.meta.url).pathname;
// As the machine notes advise: no sandbox as root, and no background traffic on a closed network.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  // Redoc renders on the client: give its script time before the DOM is read.
  '--virtual-time-budget=15000',
];

function summaries(vendor: string): string[] {
  const spec = parse(readFileSync(`${repo}specs/${vendor}/openapi.yaml`, 'utf8')) as { paths: Record<string, Record<string, { summary?: string }>> };
  return Object.values(spec.paths).flatMap((item) => Object.values(item).flatMap((op) => (op.summary ? [op.summary] : [])));
}

// No browser fails every test here rather than skipping it: the rendered docs are part of what this suite proves.
function browser(): string {
  const found = findChrome();
  if (found === undefined) throw new Error(`No Chrome or Chromium found for the docs test: ${HOW_TO_PROVIDE_CHROME}.`);
  return found;
}

/**
 * Loads `page` in one headless Chromium that writes its screenshot and prints the rendered DOM.
 * Each page gets its own profile folder, so the pages can render at once; it is removed after
 * (a profile is a few megabytes, and every run left six in the temporary folder).
 */
async function render(page: string, screenshot: string): Promise<string> {
  const userDataDir = mkdtempSync(join(tmpdir(), `switchboard-docs-chromium-${basename(screenshot, '.png')}-`));
  const args = [`--user-data-dir=${userDataDir}`, `--screenshot=${screenshot}`, '--window-size=1440,2200', '--dump-dom', page];
  try {
    const { stdout } = await run(browser(), [...CHROMIUM_FLAGS, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

describe('rendered API docs', () => {
  beforeAll(async () => {
    await run('node', ['scripts/build-docs.mjs'], { cwd: repo });
    mkdirSync(`${repo}docs/screenshots`, { recursive: true });
  }, 60_000);

  test.concurrent.for(vendors())('the %s reference renders every operation in headless Chromium', { timeout: 60_000 }, async (vendor, { expect }) => {
    const screenshot = `${repo}docs/screenshots/${vendor}.png`;
    const dom = await render(`file://${repo}docs/${vendor}.html`, screenshot);
    for (const summary of summaries(vendor)) expect(dom, summary).toContain(summary);
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
  });
});
