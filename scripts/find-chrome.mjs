// Finds the Chrome or Chromium that renders the docs in the docs test, where users have one:
// $CHROME_PATH, then PATH, then the usual macOS app bundles. Never downloads a browser.
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Executable names looked up on PATH, in order of preference. */
export const CHROME_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Executables inside the macOS app bundles, relative to an Applications folder. */
export const MAC_APPS = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];

export const HOW_TO_PROVIDE_CHROME =
  'set CHROME_PATH to a Chrome or Chromium executable, or put one of chromium, chromium-browser, google-chrome, google-chrome-stable on PATH (Debian: apt-get install chromium)';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The first executable file named `command` in the folders of PATH, or undefined.
 *
 * @param {string} command
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function onPath(command, env = process.env) {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The path of a Chrome/Chromium executable, or undefined when there is none. A CHROME_PATH that is
 * set but not an executable file throws: a user who names a browser means that one.
 *
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, applications?: string[] }} [options]
 *   `applications`: the macOS Applications folders to look in (default /Applications, ~/Applications).
 * @returns {string | undefined}
 */
export function findChrome({ env = process.env, platform = process.platform, applications } = {}) {
  if (env.CHROME_PATH) {
    if (isExecutable(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${env.CHROME_PATH} is not an executable file: ${HOW_TO_PROVIDE_CHROME}`);
  }
  for (const command of CHROME_COMMANDS) {
    const found = onPath(command, env);
    if (found) return found;
  }
  if (platform === 'darwin') {
    for (const folder of applications ?? ['/Applications', join(homedir(), 'Applications')]) {
      for (const app of MAC_APPS) {
        const candidate = join(folder, app);
        if (isExecutable(candidate)) return candidate;
      }
    }
  }
  return undefined;
}
