import { join } from 'node:path';

import { expect, test } from '@playwright/test';
import { compact, lapor, otherPhone, publishFollowUp, ready, sendComplaint } from './helpers';

test.skip(!process.env.LAPOR_E2E_DATA, 'moves reports with `lapor report act` on the server\'s own database');

test('the reporter signs in with the PIN, replies to the follow-up and rates it', async ({ page, browser }, testInfo) => {
  const title = `Puskesmas tutup di jam layanan ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Puskesmas Mojoagung tutup pukul sepuluh pagi padahal jadwal layanan sampai pukul dua siang.',
  });
  const pin = (await page.getByTestId('reporter-pin').textContent())?.trim() ?? '';
  expect(pin).toMatch(/^\d{6}$/);
  const followUp = 'Jadwal jaga petugas sudah diperbaiki dan diumumkan di papan informasi.';
  publishFollowUp(number, followUp);

  // Another phone: only the PIN proves the report is theirs.
  const phone = await otherPhone(browser, testInfo);
  const reporter = await phone.newPage();
  await reporter.goto(`/lacak/${compact(number)}`);
  await ready(reporter, testInfo);
  await expect(reporter.getByTestId('status')).toHaveText('Ditindaklanjuti');
  await reporter.getByLabel('PIN pelapor', { exact: true }).fill(pin);
  await reporter.getByRole('button', { name: 'Masuk' }).click();
  await expect(reporter.getByTestId('flash')).toBeVisible();
  await expect(reporter.getByText(followUp)).toBeVisible();

  const reply = 'Terima kasih, hari ini puskesmas sudah buka sampai siang.';
  await reporter.getByLabel('Tulisan Anda', { exact: true }).fill(reply);
  await reporter.getByRole('button', { name: 'Kirim', exact: true }).click();
  await expect(reporter.getByTestId('flash')).toBeVisible();
  await expect(reporter.getByText(reply)).toBeVisible();

  await reporter.getByLabel('4 dari 5', { exact: true }).check();
  await reporter.getByLabel('Komentar', { exact: true }).fill('Cepat ditangani.');
  await reporter.getByRole('button', { name: 'Simpan penilaian' }).click();
  await expect(reporter.getByTestId('your-rating')).toContainText('Penilaian Anda: 4/5');
  await expect(reporter.getByTestId('your-rating')).toContainText('Cepat ditangani.');

  // The reply is between the reporter and the agency: the public does not see it.
  const stranger = await otherPhone(browser, testInfo);
  const other = await stranger.newPage();
  await other.goto(`/lacak/${compact(number)}`);
  await expect(other.getByRole('heading', { name: title })).toBeVisible();
  await expect(other.getByText(reply)).toHaveCount(0);
  await stranger.close();
  await phone.close();
});

test('a staff step shows on an open tracking page without a reload', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrate', 'live updates need JavaScript; without it a reload shows them');
  const number = await sendComplaint(page, testInfo, {
    title: 'Saluran air tersumbat di gang lima',
    body: 'Saluran air di gang lima tersumbat sampah sehingga air meluap ke jalan setiap kali hujan turun.',
  });
  await page.goto(`/lacak/${compact(number)}`);
  await ready(page, testInfo);
  await expect(page.getByTestId('status')).toHaveText('Belum terverifikasi');
  // Marks this very document: a reload would lose the mark.
  await page.evaluate(() => document.body.setAttribute('data-still-here', 'yes'));

  publishFollowUp(number, 'Saluran sudah dibersihkan oleh petugas kebersihan kecamatan.');

  await expect(page.getByTestId('status')).toHaveText('Ditindaklanjuti', { timeout: 5_000 });
  await expect(page.getByText('Saluran sudah dibersihkan oleh petugas kebersihan kecamatan.')).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-still-here', 'yes');
});

test('asked for more, the reporter answers with a photo', async ({ page }, testInfo) => {
  const number = await sendComplaint(page, testInfo, {
    title: `Jembatan bambu retak ${testInfo.project.name}`,
    body: 'Jembatan bambu penghubung dusun retak di tengah dan anak sekolah tetap melewatinya setiap pagi.',
  });
  lapor('report', 'act', number, '--role', 'national_admin', '--action', 'return', '--text', 'Mohon lampirkan foto jembatan.');

  // The reporter's own phone is still signed in since sending.
  await page.goto(`/lacak/${compact(number)}`);
  await ready(page, testInfo);
  await expect(page.getByText('Mohon lampirkan foto jembatan.')).toBeVisible();
  await page.getByLabel('Tulisan Anda', { exact: true }).fill('Ini foto jembatannya, diambil tadi pagi.');
  await page.getByLabel('Pilih foto atau PDF', { exact: true }).setInputFiles(join(__dirname, '..', 'fixtures', 'jalan-rusak.jpg'));
  await page.getByRole('button', { name: 'Kirim', exact: true }).click();
  await expect(page.getByTestId('flash')).toBeVisible();
  await expect(page.getByTestId('report-attachment')).toHaveCount(1);
  await expect(page.getByTestId('status')).toHaveText('Belum terverifikasi');
});
