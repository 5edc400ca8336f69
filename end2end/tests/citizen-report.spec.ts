import { expect, test } from '@playwright/test';
import { otherPhone, ready, sendComplaint } from './helpers';

test('a citizen sends a complaint and finds it again by its tracking number', async ({ page }, testInfo) => {
  const title = `Jalan berlubang di depan sekolah ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Sejak dua minggu jalan di depan SDN 2 berlubang besar dan membahayakan anak-anak yang lewat.',
  });

  // The receipt says what happens next, with the real verification deadline.
  await expect(page.getByRole('heading', { name: 'Laporan Anda sudah kami terima' })).toBeVisible();
  await expect(page.getByTestId('deadline')).toContainText('Batas verifikasi');
  await expect(page.getByTestId('deadline')).toContainText(/hari kerja lagi|hari ini/);

  // Typed the way people type: lower case, no dashes.
  await page.goto('/lacak');
  await ready(page, testInfo);
  await page.getByLabel('Nomor pelacakan', { exact: true }).fill(number.replaceAll('-', '').toLowerCase());
  await page.getByRole('button', { name: 'Lacak' }).click();

  await expect(page).toHaveURL(new RegExp(`/lacak/${number.replaceAll('-', '')}$`));
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('Belum terverifikasi');
  await expect(page.getByTestId('deadline')).toContainText('Batas verifikasi');
  await expect(page.getByText('Laporan diterima')).toBeVisible();
  await expect(page.getByText('Kabupaten Jombang')).toBeVisible();
});

test('a mistyped tracking number gets a helpful message instead of a lookup', async ({ page }, testInfo) => {
  const number = await sendComplaint(page, testInfo, {
    title: 'Lampu jalan mati di perempatan',
    body: 'Sudah sebulan lampu jalan di perempatan pasar mati, malam hari gelap dan rawan kecelakaan.',
  });
  const compact = number.replaceAll('-', '');
  // Change one character to another valid one: only the check character can catch it.
  const swapped = compact[0] === 'A' ? 'B' : 'A';
  const typo = swapped + compact.slice(1);

  await page.goto('/lacak');
  await ready(page, testInfo);
  await page.getByLabel('Nomor pelacakan', { exact: true }).fill(typo);
  await page.getByRole('button', { name: 'Lacak' }).click();
  await expect(page.locator('#nomor-error')).toContainText('salah ketik');
  await expect(page.getByLabel('Nomor pelacakan', { exact: true })).toHaveValue(typo);

  await page.getByLabel('Nomor pelacakan', { exact: true }).fill('ABC-DEF-GH0');
  await page.getByRole('button', { name: 'Lacak' }).click();
  await expect(page.locator('#nomor-error')).toContainText('tidak memakai angka 0 dan 1');
});

test('a form with mistakes keeps everything typed and says what to fix', async ({ page }, testInfo) => {
  await page.goto('/lapor');
  await ready(page, testInfo);
  await page.getByLabel('Judul laporan', { exact: true }).fill('Pendek');
  await page.getByLabel('Nama', { exact: true }).fill('Budi');
  await page.getByRole('button', { name: 'Kirim laporan' }).click();

  await expect(page.locator('#error-summary')).toBeVisible();
  await expect(page.locator('#error-summary')).toContainText('Ada isian yang perlu diperbaiki');
  await expect(page.locator('#title-error')).toContainText('minimal 10 karakter');
  await expect(page.locator('#body-error')).toContainText('wajib diisi');
  await expect(page.getByLabel('Judul laporan', { exact: true })).toHaveValue('Pendek');
  await expect(page.getByLabel('Nama', { exact: true })).toHaveValue('Budi');
  await expect(page).toHaveURL(/\/lapor$/);
});

test('a confidential report shows the public only that it exists and its status', async ({ page, browser }, testInfo) => {
  const title = 'Pungutan liar di kantor kelurahan';
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Petugas meminta uang tambahan untuk pembuatan surat pengantar tanpa dasar aturan yang jelas.',
    confidential: true,
  });
  // The reporter's own phone shows the report to its reporter; anyone else's does not.
  await page.goto(`/lacak/${number.replaceAll('-', '')}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const stranger = await otherPhone(browser, testInfo);
  const other = await stranger.newPage();
  await other.goto(`/lacak/${number.replaceAll('-', '')}`);
  await expect(other.getByTestId('status')).toHaveText('Belum terverifikasi');
  await expect(other.getByTestId('confidential')).toBeVisible();
  await expect(other.getByText(title)).toHaveCount(0);
  await expect(other.getByText('Siti Aminah')).toHaveCount(0);
  await stranger.close();
});

test('the interface switches to English and back', async ({ page }, testInfo) => {
  await page.goto('/lacak');
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Track a report' })).toBeVisible();
  await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { name: 'Lacak laporan' })).toBeVisible();
});
