import type { Page } from 'playwright-core';

/**
 * Watches a page for what the page tests forbid: requests leaving the site's origin (TMDB's
 * poster service aside when `ignoreTmdbImages`: the tests abort it as if offline), failed or
 * ≥ 400 same-origin requests, and page errors.
 */
export function watch(page: Page, origin: string, { ignoreTmdbImages = false } = {}) {
  const offOrigin: string[] = [];
  const failed: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:') && !(ignoreTmdbImages && u.startsWith('https://image.tmdb.org/'))) offOrigin.push(u);
  });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(origin)) failed.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(origin) && r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { offOrigin, failed, errors };
}
