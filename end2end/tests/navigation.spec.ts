import { expect, test, type Page } from '@playwright/test';

import { ready } from './helpers';

// The islands router swaps pages by diffing the old and the new document: every public
// page must replace every other one (a page with a different <head> once left the old
// page on screen under the new URL). With JavaScript only: without it every link is a
// full page load.
const PAGES = ['/', '/lapor', '/lacak', '/laporan', '/statistik', '/data', '/instansi/kab-3517', '/laporan-saya'];

/** Follows a link to `to` the way a tap would, through the router, and waits for it. */
async function follow(page: Page, to: string, heading: string, from: string): Promise<void> {
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'pindah';
    document.body.append(a);
    a.click();
  }, to);
  await expect(page).toHaveURL(new RegExp(`${to.replace(/\//g, '\\/')}$`));
  await expect(page.locator('h1').first(), `${from} → ${to}`).toHaveText(heading);
}

test('every public page replaces every other one through the islands router', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrate', 'the islands router runs with JavaScript only');
  test.setTimeout(90_000);
  const headings = new Map<string, string>();
  for (const path of PAGES) {
    await page.goto(path);
    headings.set(path, (await page.locator('h1').first().innerText()).trim());
  }
  expect(new Set(headings.values()).size).toBe(PAGES.length);
  await page.goto(PAGES[0]);
  await ready(page, testInfo);
  let here = PAGES[0];
  // Every ordered pair, without a full page load in between.
  for (const from of PAGES) {
    for (const to of PAGES.filter((p) => p !== from)) {
      if (here !== from) await follow(page, from, headings.get(from)!, here);
      await follow(page, to, headings.get(to)!, from);
      here = to;
    }
  }
});
