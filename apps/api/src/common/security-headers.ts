import type { FastifyInstance } from 'fastify';

/**
 * The security headers every response carries: helmet's defaults for an API that serves JSON
 * (a Content-Security-Policy that allows nothing to load or frame it), as one constant object set
 * by one hook. @fastify/helmet ran its chain of middlewares on every request to produce the same
 * constant headers; with the benchmark's data, a bare Fastify route cost 0.045 ms more CPU per
 * request with it than without any such headers (docs/performance.md). A route may override one
 * (the API docs page sets its own Content-Security-Policy; media are served with
 * Cross-Origin-Resource-Policy: cross-origin).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/**
 * Whether a path is the staff API, whose answers (stories in draft, accounts, the audit log) no
 * browser, proxy or CDN may keep: everything under /api/ except the public read API and the API's
 * documentation. Media (`/api/media/{id}`) set their own Cache-Control on success.
 */
export function isStaffApiPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  if (!path.startsWith('/api/') && path !== '/api') return false;
  return !(path.startsWith('/api/public/') || path === '/api/openapi.json' || path === '/api/docs' || path.startsWith('/api/docs/'));
}

export function useSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    // Set before any handler or error, so 4xx/5xx answers carry it too; a route may override it.
    if (isStaffApiPath(request.url)) void reply.header('cache-control', 'no-store');
    done();
  });
}
