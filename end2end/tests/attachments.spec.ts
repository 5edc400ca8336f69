import { join } from 'node:path';

import { expect, test } from '@playwright/test';
import { compact, fillComplaint, otherPhone, ready, sendComplaint, submitReport } from './helpers';

const FIXTURES = join(__dirname, '..', 'fixtures');
/** 800 × 600 JPEG whose EXIF holds a GPS position and the camera "PenandaKamera". */
const PHOTO_WITH_GPS = join(FIXTURES, 'jalan-rusak.jpg');
const SECOND_PHOTO = join(FIXTURES, 'got.png');

/** The first bytes of a Windows program, renamed to look like a photo. */
function programNamedLikeAPhoto() {
  const bytes = Buffer.alloc(4096);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return { name: 'foto-jalan.jpg', mimeType: 'image/jpeg', buffer: bytes };
}

test('a full report with two photos and both privacy switches on', async ({ page, browser }, testInfo) => {
  const title = `Jalan amblas dekat jembatan ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Jalan di dekat jembatan Kali Brantas amblas sejak hujan deras Senin malam, motor sudah dua kali jatuh.',
    anonymous: true,
    confidential: true,
    files: [PHOTO_WITH_GPS, SECOND_PHOTO],
  });

  // The reporter, signed in on this phone since sending, sees both photos.
  await page.goto(`/lacak/${compact(number)}`);
  await ready(page, testInfo);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const attachments = page.getByTestId('report-attachment');
  await expect(attachments).toHaveCount(2);
  await expect(attachments.first()).toContainText('Foto 1');

  // The served copy of the photo is a JPEG without EXIF: no position, no camera.
  const href = (await attachments.first().locator('a').getAttribute('href')) ?? '';
  expect(href).toMatch(new RegExp(`^/lacak/${compact(number)}/lampiran/\\d+$`));
  const served = await page.request.get(href);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/jpeg');
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  expect(served.headers()['content-disposition']).toMatch(/^inline; filename="lampiran-\d+\.jpg"$/);
  const bytes = await served.body();
  expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
  expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  expect(bytes.includes(Buffer.from('PenandaKamera', 'latin1'))).toBe(false);
  expect(bytes.includes(Buffer.from('GPS', 'latin1'))).toBe(false);

  // Anyone else: the report exists, its content and its files do not show.
  const stranger = await otherPhone(browser, testInfo);
  const other = await stranger.newPage();
  await other.goto(`/lacak/${compact(number)}`);
  await expect(other.getByTestId('confidential')).toBeVisible();
  await expect(other.getByText(title)).toHaveCount(0);
  await expect(other.getByTestId('report-attachment')).toHaveCount(0);
  expect((await other.request.get(href)).status()).toBe(404);
  await stranger.close();
});

test('a program renamed .jpg is refused with a message saying what is wrong', async ({ page }, testInfo) => {
  const title = `Pungutan liar di kantor desa ${testInfo.project.name}`;
  await fillComplaint(page, testInfo, {
    title,
    body: 'Petugas kantor desa meminta uang dua ratus ribu rupiah untuk surat pengantar yang seharusnya gratis.',
    files: [programNamedLikeAPhoto()],
    stored: 0,
  });
  const message = 'Berkas ini bukan foto (JPEG, PNG, WebP) atau PDF.';
  if (testInfo.project.name === 'hydrate') {
    // Refused as soon as it is chosen, before the report is sent.
    await expect(page.locator('#lampiran-fieldset')).toContainText(message);
    await expect(page.locator('input[name="lampiran_token"]')).toHaveCount(0);
  } else {
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await expect(page.locator('#lampiran-error')).toHaveText(message);
    // Nothing typed is lost.
    await expect(page.getByLabel('Judul laporan', { exact: true })).toHaveValue(title);
  }
  await expect(page).toHaveURL(/\/lapor$/);
});

test('a photo kept through a form error is sent with the report', async ({ page }, testInfo) => {
  const title = `Sampah menumpuk di pasar ${testInfo.project.name}`;
  await fillComplaint(page, testInfo, {
    title,
    body: 'Sampah di belakang Pasar Legi tidak diangkut selama seminggu dan baunya sampai ke rumah warga.',
    files: [PHOTO_WITH_GPS],
  });
  // A mistake elsewhere: the photo must survive the round trip.
  await page.getByLabel('Judul laporan', { exact: true }).fill('Pendek');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();
  await expect(page.locator('#error-summary')).toBeVisible();
  await expect(page.locator('#lampiran-kept')).toContainText('Foto 1');

  await page.getByLabel('Judul laporan', { exact: true }).fill(title);
  await submitReport(page);
  const number = (await page.getByTestId('tracking-number').textContent())?.trim() ?? '';
  await page.goto(`/lacak/${compact(number)}`);
  await expect(page.getByTestId('report-attachment')).toHaveCount(1);
});
