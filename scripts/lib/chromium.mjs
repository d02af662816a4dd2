// Finds the Chromium that Playwright drives. Playwright never downloads a browser here.
import { accessSync, constants } from 'node:fs';

export const CHROMIUM_MISSING =
  'Chromium not found: install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * CHROMIUM_PATH if set, else /usr/bin/chromium. Returns { path } when usable, else
 * { path: null, message } saying how to get one.
 */
export function findChromium(env = process.env) {
  const candidate = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (executable(candidate)) return { path: candidate };
  const where = env.CHROMIUM_PATH ? ` (CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file)` : '';
  return { path: null, message: `${CHROMIUM_MISSING}${where}` };
}
