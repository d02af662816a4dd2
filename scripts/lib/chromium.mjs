// Finds the Chromium that Playwright drives. Playwright never downloads a browser here.
import { accessSync, constants } from 'node:fs';

export const CHROMIUM_MISSING =
  'Chromium not found: install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH';

function executable(file) {
  try { accessSync(file, constants.X_OK); return true; } catch { return false; }
}

/** { path } of CHROMIUM_PATH if set, else /usr/bin/chromium; path is null if not usable. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return { path: executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null };
  return { path: executable('/usr/bin/chromium') ? '/usr/bin/chromium' : null };
}
