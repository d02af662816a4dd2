import { z } from 'zod';

/**
 * Runs in the browser before the admin's own code (Next.js loads this file first). zod compiles
 * object parsers with `new Function` when it may; under the admin's Content-Security-Policy
 * (no 'unsafe-eval', see next.config.ts) its probe for that is refused and reported as a policy
 * violation on every page. Parsing without the compiled fast path is as correct, and fast enough
 * for forms.
 */
z.config({ jitless: true });
