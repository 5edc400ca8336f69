import { expect, test } from '@playwright/test';
import { pickRegency, ready, submitReport } from './helpers';

test('a citizen finds the target agency by typing part of its name, and keeps it through an error', async ({ page }, testInfo) => {
  const withJs = testInfo.project.name === 'hydrate';
  await page.goto('/lapor');
  await ready(page, testInfo);
  // "Not sure" is the default: the administrators route the report.
  await expect(page.getByRole('radio', { name: 'Belum tahu — biarkan admin yang meneruskan' })).toBeChecked();

  await page.getByLabel('Cari instansi', { exact: true }).fill('jombang');
  const search = page.getByRole('button', { name: 'Cari', exact: true });
  if (withJs) {
    await expect(search).toBeHidden();
  } else {
    await search.click();
  }
  const jombang = page.getByRole('radio', { name: /^Kabupaten Jombang/ });
  await expect(jombang).toBeVisible();
  await jombang.check();

  // Sent with the title missing: the form comes back with the agency still picked.
  await page.locator('#classification-pengaduan').check();
  await page.getByLabel('Isi laporan (kronologi)', { exact: true }).fill(
    'Lampu penerangan jalan di depan pasar mati sejak sebulan sehingga rawan kecelakaan.',
  );
  await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
  await page.getByLabel('Nomor HP', { exact: true }).fill('0812 3456 7890');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.locator('#error-summary')).toContainText('Judul laporan wajib diisi.');
  await expect(page.getByRole('radio', { name: /^Kabupaten Jombang/ })).toBeChecked();

  await page.getByLabel('Judul laporan', { exact: true }).fill('Lampu jalan depan pasar mati');
  await submitReport(page);
});

test('a search that matches nothing says so', async ({ page }, testInfo) => {
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.getByLabel('Cari instansi', { exact: true }).fill('zzqx');
  if (testInfo.project.name !== 'hydrate') {
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
  }
  await expect(page.getByText('Tidak ada instansi yang cocok dengan "zzqx"')).toBeVisible();
});

test.describe('use my location', () => {
  test.use({ geolocation: { latitude: -7.5456, longitude: 112.2336 }, permissions: ['geolocation'] });

  test('the phone\'s position becomes the report\'s map point only when asked', async ({ page }, testInfo) => {
    await page.goto('/lapor');
    await ready(page, testInfo);
    const useLocation = page.getByRole('button', { name: 'Pakai lokasi saya' });
    if (testInfo.project.name !== 'hydrate') {
      // Without JavaScript there is no way to read the position: no dead button.
      await expect(useLocation).toBeHidden();
      return;
    }
    await expect(page.locator('input[name="latitude"]')).toHaveValue('');
    await useLocation.click();
    await expect(page.getByText('Titik lokasi terpasang: -7.545600, 112.233600')).toBeVisible();
    await expect(page.locator('input[name="latitude"]')).toHaveValue('-7.545600');

    await page.locator('#classification-aspirasi').check();
    await page.getByLabel('Judul laporan', { exact: true }).fill('Usul taman baca di balai desa');
    await page.getByLabel('Isi laporan (kronologi)', { exact: true }).fill(
      'Anak-anak di desa kami butuh taman baca; balai desa punya ruang kosong yang bisa dipakai.',
    );
    await pickRegency(page, testInfo);
    await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
    await page.getByLabel('Nomor HP', { exact: true }).fill('0812 3456 7890');
    await page.getByRole('button', { name: 'Hapus titik lokasi' }).click();
    await expect(page.locator('input[name="longitude"]')).toHaveValue('');
    await useLocation.click();
    await expect(page.locator('input[name="longitude"]')).toHaveValue('112.233600');
    await submitReport(page);
  });
});
