import { expect, test } from '@playwright/test';
import { ready, submitReport } from './helpers';

test('a draft survives a reload and is forgotten once sent', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrate', 'the draft is kept by the WASM on the phone');
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.locator('#classification-aspirasi').check();
  await page.getByLabel('Judul laporan', { exact: true }).fill('Usul taman bermain di kelurahan');
  await page.getByLabel('Isi laporan (kronologi)', { exact: true }).fill(
    'Anak-anak di kelurahan kami tidak punya tempat bermain yang aman, mohon dibangun taman kecil.',
  );
  await page.locator('#anonymous').check();

  await page.reload();
  await ready(page, testInfo);
  await expect(page.getByLabel('Judul laporan', { exact: true })).toHaveValue('Usul taman bermain di kelurahan');
  await expect(page.locator('#classification-aspirasi')).toBeChecked();
  await expect(page.locator('#anonymous')).toBeChecked();

  await submitReport(page);
  await expect(page.getByRole('heading', { name: 'Laporan Anda sudah kami terima' })).toBeVisible();

  await page.goto('/lapor');
  await ready(page, testInfo);
  await expect(page.getByLabel('Judul laporan', { exact: true })).toHaveValue('');
});
