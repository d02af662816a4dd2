/**
 * The process's shutdown state, shared by main.ts (which sets it on SIGTERM) and the HTTP layer:
 * while draining, /health/live and /health/ready answer 503 so the proxy's health checks take the
 * replica out of rotation, and every response carries `Connection: close` so the proxy's kept-alive
 * connections to it end; requests still arriving are served normally until the listener closes.
 */
export const lifecycle = {
  draining: false,
};
