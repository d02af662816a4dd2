/** Where the servers started by playwright.config.ts listen (E2E_API_PORT / E2E_ADMIN_PORT override, e.g. to run two suites side by side). */
export const API_PORT = Number(process.env.E2E_API_PORT || 4100);
export const ADMIN_PORT = Number(process.env.E2E_ADMIN_PORT || 3100);
export const API_URL = `http://localhost:${API_PORT}`;
export const ADMIN_URL = `http://localhost:${ADMIN_PORT}`;
