import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findChrome, onPath } from '../../scripts/find-chrome.mjs';

let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'switchboard-find-chrome-'));
});

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A file at `path` under the scratch folder: executable unless `mode` says otherwise. */
function fake(path: string, mode = 0o755): string {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, mode);
  return file;
}

const pathOf = (...dirs: string[]) => dirs.map((dir) => join(scratch, dir)).join(delimiter);
// Every case names its own PATH and Applications folders: the machine's browsers never leak in.
const linux = (env: NodeJS.ProcessEnv) => findChrome({ env, platform: 'linux', applications: [join(scratch, 'Applications')] });

describe('findChrome', () => {
  test('CHROME_PATH comes first, even when PATH has a browser', () => {
    const chosen = fake('custom/my-chrome');
    fake('bin/chromium');
    expect(linux({ CHROME_PATH: chosen, PATH: pathOf('bin') })).toBe(chosen);
  });

  test('a CHROME_PATH that is not an executable file is an error that says how to fix it', () => {
    const notExecutable = fake('custom/chrome', 0o644);
    expect(() => linux({ CHROME_PATH: notExecutable, PATH: '' })).toThrow(/CHROME_PATH=.*custom\/chrome is not an executable file: set CHROME_PATH/);
    expect(() => linux({ CHROME_PATH: join(scratch, 'missing'), PATH: '' })).toThrow(/is not an executable file/);
  });

  test.each(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'])('finds %s on PATH', (name) => {
    const browser = fake(`bin/${name}`);
    expect(linux({ PATH: pathOf('empty', 'bin') })).toBe(browser);
  });

  test('prefers chromium over chromium-browser over google-chrome, whatever the PATH order', () => {
    fake('a/google-chrome');
    const chromiumBrowser = fake('b/chromium-browser');
    expect(linux({ PATH: pathOf('a', 'b') })).toBe(chromiumBrowser);
    const chromium = fake('c/chromium');
    expect(linux({ PATH: pathOf('a', 'b', 'c') })).toBe(chromium);
  });

  test('skips files that are not executable and folders named like a browser', () => {
    fake('a/chromium', 0o644);
    mkdirSync(join(scratch, 'b', 'chromium'), { recursive: true });
    const chrome = fake('c/google-chrome');
    expect(linux({ PATH: pathOf('a', 'b', 'c') })).toBe(chrome);
  });

  test('finds nothing when there is nothing to find', () => {
    expect(linux({ PATH: pathOf('empty') })).toBeUndefined();
    expect(linux({})).toBeUndefined();
  });

  test('on macOS, looks in the app bundles after PATH: Google Chrome, then Chromium', () => {
    const applications = [join(scratch, 'Applications'), join(scratch, 'home', 'Applications')];
    const mac = (env: NodeJS.ProcessEnv) => findChrome({ env, platform: 'darwin', applications });
    expect(mac({ PATH: '' })).toBeUndefined();

    const chromium = fake('home/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(mac({ PATH: '' })).toBe(chromium);
    const chrome = fake('Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac({ PATH: '' })).toBe(chrome);

    const onPathFirst = fake('bin/google-chrome-stable');
    expect(mac({ PATH: pathOf('bin') })).toBe(onPathFirst);
    // The app bundles are macOS-only.
    expect(linux({ PATH: '' })).toBeUndefined();
  });
});

describe('onPath', () => {
  test('returns the first executable of that name in PATH order', () => {
    fake('a/apt-get', 0o644);
    const first = fake('b/apt-get');
    fake('c/apt-get');
    expect(onPath('apt-get', { PATH: pathOf('a', 'b', 'c') })).toBe(first);
    expect(onPath('apt-get', { PATH: pathOf('a') })).toBeUndefined();
  });
});
