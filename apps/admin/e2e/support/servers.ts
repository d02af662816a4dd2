/** Where the servers started by playwright.config.ts listen. */
export const API_PORT = 4100;
export const ADMIN_PORT = 3100;
export const API_URL = `http://localhost:${API_PORT}`;
export const ADMIN_URL = `http://localhost:${ADMIN_PORT}`;
