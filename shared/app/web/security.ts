/**
 * Response headers of every answer. HTML gets a strict Content-Security-Policy: scripts, styles,
 * icons only from this origin, no inline code or style, no framing, no plugins; the page may talk
 * to its own origin and to the origins it needs by design (S3 for presigned uploads, the Cognito
 * domain for the sign-in token exchange). Everything else gets a policy that allows nothing.
 */
import type { MiddlewareHandler } from 'hono';

export function contentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${["'self'", ...new Set(connectSources)].join(' ')}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const NOTHING = "default-src 'none'; frame-ancestors 'none'";

/** `connectSources` is asked once, at the first HTML answer, and remembered. */
export function securityHeaders(connectSources: () => Promise<string[]>): MiddlewareHandler {
  let policy: Promise<string> | undefined;
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) {
      policy ??= connectSources().then(contentSecurityPolicy, (err) => {
        policy = undefined;
        throw err;
      });
      c.res.headers.set('content-security-policy', await policy);
    } else {
      c.res.headers.set('content-security-policy', NOTHING);
    }
    c.res.headers.set('x-content-type-options', 'nosniff');
    // Sign-in codes, tokens and presigned links must not leak to other sites through Referer.
    c.res.headers.set('referrer-policy', 'no-referrer');
    c.res.headers.set('x-frame-options', 'DENY');
    c.res.headers.set('cross-origin-opener-policy', 'same-origin');
    c.res.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  };
}
