/**
 * Where the servers started by playwright.config.ts listen. E2E_API_PORT / E2E_ADMIN_PORT move them,
 * so two runs on one machine (e.g. two engineers' checkouts) do not collide.
 */
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`${name} must be a TCP port number; got ${JSON.stringify(raw)}`);
  return value;
}

export const API_PORT = port('E2E_API_PORT', 4100);
export const ADMIN_PORT = port('E2E_ADMIN_PORT', 3100);
export const API_URL = `http://localhost:${API_PORT}`;
export const ADMIN_URL = `http://localhost:${ADMIN_PORT}`;
