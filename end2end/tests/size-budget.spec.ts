import { expect, test } from '@playwright/test';
import { ready } from './helpers';

// Bytes on the wire (compressed bodies) for a first visit to the citizen form,
// HTML + CSS + JS + WASM, with the browser's own Accept-Encoding.
// Issue #3: at most 150 KiB; the aim is 100 KB (README, Measurements).
const BUDGET_BYTES = 150 * 1024;

test('the first load of /lapor stays within the 150 KiB budget', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrate', 'the budget counts the WASM, which only loads with JavaScript');
  const sizes: { url: string; bytes: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then((s) => {
        sizes.push({ url: new URL(request.url()).pathname, bytes: s.responseBodySize });
      }),
    );
  });
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);

  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  const report = sizes.map((s) => `${s.url}: ${s.bytes}`).join('\n');
  console.log(`first load of /lapor: ${total} bytes\n${report}`);
  await testInfo.attach('sizes', { body: `${total}\n${report}`, contentType: 'text/plain' });
  expect(sizes.some((s) => s.url.endsWith('.wasm'))).toBe(true);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
});
