import type { NextConfig } from 'next';

// The API address is runtime configuration (API_URL, read per request by the /api proxy route and
// the server-side API client), so nothing here depends on the environment the build ran in.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
