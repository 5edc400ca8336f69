import { expect, test } from '@playwright/test';
import { pickRegency, ready, submitReport } from './helpers';

test('a citizen pins the location down to a village, with or without JavaScript', async ({ page }, testInfo) => {
  const withJs = testInfo.project.name === 'hydrate';
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.locator('#classification-pengaduan').check();
  await page.getByLabel('Judul laporan', { exact: true }).fill('Saluran air tersumbat di desa');
  await page.getByLabel('Isi laporan (kronologi)', { exact: true }).fill(
    'Saluran air di depan balai desa tersumbat sampah sejak musim hujan sehingga jalan tergenang.',
  );
  await pickRegency(page, testInfo);
  const refresh = page.getByRole('button', { name: 'Perbarui pilihan lokasi' });
  if (withJs) {
    await expect(refresh).toBeHidden();
  } else {
    await refresh.click();
    // The form comes back with everything typed, and the kecamatan of Jombang to pick from.
    await expect(page.getByLabel('Judul laporan', { exact: true })).toHaveValue('Saluran air tersumbat di desa');
  }
  const district = page.getByLabel('Kecamatan', { exact: true });
  await expect(district.locator('option')).not.toHaveCount(1);
  const districtName = (await district.locator('option').nth(1).textContent())?.trim() ?? '';
  await district.selectOption({ index: 1 });
  if (!withJs) await refresh.click();
  const village = page.getByLabel('Desa/kelurahan', { exact: true });
  await expect(village.locator('option')).not.toHaveCount(1);
  const villageName = (await village.locator('option').nth(1).textContent())?.trim() ?? '';
  await village.selectOption({ index: 1 });
  await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
  await page.getByLabel('Nomor HP', { exact: true }).fill('0812 3456 7890');
  await submitReport(page);

  await page.getByRole('link', { name: 'Lihat laporan' }).click();
  await expect(page.getByText(`${villageName}, ${districtName}, Kabupaten Jombang`)).toBeVisible();
});
