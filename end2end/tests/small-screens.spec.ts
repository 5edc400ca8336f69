import { expect, test, type Page } from '@playwright/test';
import { compact, otherPhone, sendComplaint } from './helpers';

// The narrowest phones in use are 360 CSS pixels wide, and a page zoomed to 200% on a
// 720-pixel window is as wide: nothing may need sideways scrolling there.
test.use({ viewport: { width: 360, height: 740 } });

async function expectNoSidewaysScroll(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${where} is wider than the screen`).toBeLessThanOrEqual(360);
}

test('the form, the receipt and the tracking pages fit a 360 px wide screen', async ({ page, browser }, testInfo) => {
  await page.goto('/lapor');
  await expectNoSidewaysScroll(page, '/lapor');
  const number = await sendComplaint(page, testInfo, {
    title: 'Trotoar rusak di depan pasar kota',
    body: 'Trotoar di depan pasar kota rusak dan berlubang sehingga pejalan kaki terpaksa turun ke jalan raya.',
  });
  await expectNoSidewaysScroll(page, 'the receipt');
  await page.goto(`/lacak/${compact(number)}`);
  await expectNoSidewaysScroll(page, "the reporter's tracking page");
  const stranger = await otherPhone(browser, testInfo);
  const other = await stranger.newPage();
  await other.setViewportSize({ width: 360, height: 740 });
  await other.goto(`/lacak/${compact(number)}`);
  await expectNoSidewaysScroll(other, 'the public tracking page');
  await stranger.close();
});

test('the keyboard skips to the content and sends the form', async ({ page }, testInfo) => {
  await page.goto('/lapor');
  // The first Tab lands on the skip link, which takes the focus past the navigation.
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  if (testInfo.project.name === 'hydrate') {
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  }
  // Sending an empty form by keyboard shows the summary of what to fix.
  await page.getByRole('button', { name: 'Kirim laporan' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#error-summary')).toBeVisible();
});
