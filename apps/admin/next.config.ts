import type { NextConfig } from 'next';

/**
 * The admin's Content-Security-Policy. Everything it loads comes from its own origin (pages, Next's
 * scripts and styles, the API through the /api proxy, uploaded images through /api/media), except
 * images inside story bodies, which may be any https image. Next's App Router writes inline
 * <script>s (the React Server Components payload) into every page, and their text changes per
 * render, so script-src allows inline scripts: a nonce would need every page rendered per request
 * by a proxy that also sets this header. What the policy still guarantees: no script, style,
 * frame, object or connection from another origin, no <base> hijack, forms post only here, and no
 * page of the admin can be framed (clickjacking). `next dev` also needs eval (never in production).
 */
function contentSecurityPolicy(development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' https:",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sent with every admin response (deploy/Caddyfile sets the same ones in front of it). */
const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy(process.env.NODE_ENV === 'development') },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

// The API address is runtime configuration (API_URL, read per request by the /api proxy route and
// the server-side API client), so nothing here depends on the environment the build ran in.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
