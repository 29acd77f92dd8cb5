import "server-only";

/** The page CSP: scripts only with this request's nonce (plus what they load), nothing framed, no plugins. */
export function contentSecurityPolicy(
  nonce: string,
  dev = process.env.NODE_ENV === "development",
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // React and recharts set element style attributes; attributes cannot carry script.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export { NON_PAGE_CSP, STATIC_SECURITY_HEADERS } from "../http/refusal";
