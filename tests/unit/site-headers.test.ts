// The headers the hosted page relies on: the service worker's additions (isolationHeaders.ts) and
// public/_headers for Netlify / Cloudflare Pages carry the same CSP as the built page, with COOP/COEP.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP, HEADER_CSP, ISOLATION_HEADERS } from '../../src/site/csp';
import { SERVED_HEADERS, withIsolationHeaders } from '../../src/site/isolationHeaders';

/** public/_headers as { path: { header: value } }. */
function parseHeadersFile(text: string): Record<string, Record<string, string>> {
  const rules: Record<string, Record<string, string>> = {};
  let path = '';
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules[(path = line.trim())] = {};
    else {
      const i = line.indexOf(':');
      rules[path][line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

describe('the CSP', () => {
  it('allows no eval, no remote origin and no wildcard', () => {
    const sources = CSP.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
    expect(sources).not.toContain("'unsafe-eval'");
    expect(sources.filter((s) => /^(https?:|wss?:)/.test(s) || s.includes('*'))).toEqual([]);
    expect(CSP).toContain("default-src 'self'");
  });
  it('as a header, adds only frame-ancestors (a meta tag ignores it): embedding a lab is allowed', () => {
    expect(HEADER_CSP.startsWith(`${CSP}; `)).toBe(true);
    expect(HEADER_CSP.slice(CSP.length + 2)).toBe('frame-ancestors *');
    expect(CSP).not.toContain('frame-ancestors');
  });
});

describe('public/_headers', () => {
  const rules = parseHeadersFile(readFileSync('public/_headers', 'utf8'));
  it('sends the CSP and the isolation headers on every path', () => {
    expect(rules['/*']).toMatchObject({ 'Content-Security-Policy': HEADER_CSP, ...ISOLATION_HEADERS });
  });
  it('never lets the service worker script or the page be cached stale', () => {
    expect(rules['/sw.js']['Cache-Control']).toBe('no-cache');
    expect(rules['/index.html']['Cache-Control']).toBe('no-cache');
  });
});

describe('withIsolationHeaders', () => {
  it('adds COOP, COEP and the CSP to a response without them, keeping status, body and other headers', async () => {
    const res = withIsolationHeaders(new Response('<p>hi</p>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(res.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(res.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(res.headers.get('Content-Security-Policy')).toBe(HEADER_CSP);
    expect(res.headers.get('Content-Type')).toBe('text/html');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>hi</p>');
  });
  it("keeps the host's own headers", () => {
    const own = "default-src 'self'; frame-ancestors 'self'";
    const res = withIsolationHeaders(new Response('x', { headers: { 'Content-Security-Policy': own } }));
    expect(res.headers.get('Content-Security-Policy')).toBe(own);
    expect(res.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });
  it('returns a response that already has every header unchanged, and a 404 keeps its status', () => {
    const full = new Response('x', { headers: { ...SERVED_HEADERS } });
    expect(withIsolationHeaders(full)).toBe(full);
    expect(withIsolationHeaders(new Response('missing', { status: 404 })).status).toBe(404);
  });
  it('passes null-body responses through', () => {
    expect(withIsolationHeaders(new Response(null, { status: 204 })).status).toBe(204);
  });
});
