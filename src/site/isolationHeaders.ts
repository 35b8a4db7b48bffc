// Adds the cross-origin isolation headers and the CSP to a response the service worker serves, for static
// hosts that cannot send headers (GitHub Pages, a plain file server). Headers the host did send are kept:
// a host that sends its own CSP (e.g. through public/_headers) wins. Runs in the service worker and in Node
// (unit test); no DOM.
import { HEADER_CSP, ISOLATION_HEADERS } from './csp';

/** The headers the service worker guarantees on what it serves. */
export const SERVED_HEADERS: Readonly<Record<string, string>> = { ...ISOLATION_HEADERS, 'Content-Security-Policy': HEADER_CSP };

/** `response` with SERVED_HEADERS added where missing. Opaque responses (opaque redirects included) cannot be
 *  read or rebuilt and pass unchanged; so does a response that already carries every header. */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const missing = Object.entries(SERVED_HEADERS).filter(([name]) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  // A fresh Response: never marked `redirected` (a redirected response is refused for navigations).
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
