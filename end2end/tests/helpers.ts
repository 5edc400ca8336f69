import { expect, type Page, type TestInfo } from '@playwright/test';

/** With JavaScript on, wait until the WASM has hydrated the islands before interacting. */
export async function ready(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.project.name === 'hydrate') {
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  }
}

export interface ReportInput {
  title: string;
  body: string;
  anonymous?: boolean;
  confidential?: boolean;
}

/** Fills the citizen form with a complete complaint in Jombang and sends it. */
export async function sendComplaint(page: Page, testInfo: TestInfo, input: ReportInput): Promise<string> {
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.locator('#classification-pengaduan').check();
  await page.getByLabel('Judul laporan', { exact: true }).fill(input.title);
  await page.getByLabel('Isi laporan (kronologi)', { exact: true }).fill(input.body);
  await pickRegency(page, testInfo);
  await page.getByLabel('Alamat atau patokan lokasi', { exact: true }).fill('Jl. Merdeka depan SDN 2');
  if (input.anonymous) await page.locator('#anonymous').check();
  if (input.confidential) await page.locator('#confidential').check();
  await page.getByLabel('Nama', { exact: true }).fill('Siti Aminah');
  await page.getByLabel('Nomor HP', { exact: true }).fill('0812 3456 7890');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page).toHaveURL(/\/lapor\/terkirim\/[2-9A-Z]{9}$/);
  const number = (await page.getByTestId('tracking-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
  return number;
}

/** Picks Jawa Timur, then Kabupaten Jombang (without JavaScript, the list of
 * kabupaten/kota comes after a round trip through the "update" button). */
export async function pickRegency(page: Page, testInfo: TestInfo): Promise<void> {
  await page.getByLabel('Provinsi', { exact: true }).selectOption({ label: 'Jawa Timur' });
  if (testInfo.project.name !== 'hydrate') {
    await page.getByRole('button', { name: 'Perbarui pilihan lokasi' }).click();
  }
  await page.getByLabel('Kabupaten/kota', { exact: true }).selectOption({ label: 'Kabupaten Jombang' });
}
