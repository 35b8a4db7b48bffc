// Every e2e test runs under these guards: the page must not violate its Content-Security-Policy, must not
// request anything from another origin (a user's text and data never leave the browser), and must not throw.
import { test as base, expect } from '@playwright/test';

export interface PageGuards {
  cspViolations: string[];
  foreignRequests: string[];
  pageErrors: string[];
}

export const test = base.extend<{ guards: PageGuards }>({
  guards: [
    async ({ page, baseURL }, use) => {
      const guards: PageGuards = { cspViolations: [], foreignRequests: [], pageErrors: [] };
      const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
      await page.exposeFunction('__reportCspViolation', (text: string) => guards.cspViolations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation;
          report(`${e.violatedDirective} blocked ${e.blockedURI}`);
        });
      });
      page.on('request', (req) => {
        const url = req.url();
        if (/^(data|blob|about):/.test(url)) return;
        if (new URL(url).origin !== origin) guards.foreignRequests.push(url);
      });
      page.on('pageerror', (err) => guards.pageErrors.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) guards.cspViolations.push(msg.text());
      });
      await use(guards);
      expect(guards.cspViolations, 'CSP violations').toEqual([]);
      expect(guards.foreignRequests, 'requests to other origins').toEqual([]);
      expect(guards.pageErrors, 'uncaught page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** p95 of the gaps between animation frames over `ms` milliseconds, measured inside the page. */
export async function frameGapP95(page: import('@playwright/test').Page, ms: number): Promise<number> {
  return page.evaluate(async (duration) => {
    const gaps: number[] = [];
    let last = performance.now();
    const end = last + duration;
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    gaps.sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length * 0.95)] ?? Infinity;
  }, ms);
}
