import { expect, test } from '@playwright/test';

import { fillComplaint, lapor, ready, sendComplaint } from './helpers';

test.skip(!process.env.LAPOR_E2E_DATA, 'verifies reports with `lapor report act` on the server\'s own database');

// The public feed: a verified report found with a filter, supported once and only once,
// with JavaScript on (hydrate) and off (ssr).
test('a verified report is found on the public feed with a filter and supported once', async ({ page }, testInfo) => {
  const word = `Feed${testInfo.project.name}${Date.now() % 100000}`;
  const title = `Jembatan retak ${word}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: `Jembatan di dusun ${word} retak sejak banjir minggu lalu dan berbahaya bagi anak sekolah.`,
  });
  const compact = number.replace(/-/g, '');
  lapor('report', 'act', compact, '--role', 'national_admin', '--action', 'verify');

  await page.goto('/laporan');
  await ready(page, testInfo);
  await page.getByLabel('Cari kata dalam judul atau isi').fill(word);
  await page.getByLabel('Jenis', { exact: true }).selectOption('pengaduan');
  await page.getByRole('button', { name: 'Terapkan filter' }).click();
  await expect(page).toHaveURL(new RegExp(`/laporan\\?cari=${word}.*jenis=pengaduan`));
  const card = page.getByTestId('feed-card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(title);
  // The reporter's name was on the form: the public never sees it.
  expect(await card.innerText()).not.toContain('Siti Aminah');
  await expect(card).toContainText('0 pendukung');

  await card.getByRole('button', { name: 'Dukung' }).click();
  await expect(page.getByTestId('support-notice')).toHaveText('Terima kasih, dukungan Anda tercatat.');
  await expect(page).toHaveURL(new RegExp(`cari=${word}`));
  const supported = page.getByTestId('feed-card');
  await expect(supported).toContainText('Anda mendukung laporan ini');
  await expect(supported).toContainText('1 pendukung');
  await expect(supported.getByRole('button', { name: 'Dukung' })).toHaveCount(0);

  // The same browser posting again (a double tap, a replay) is still counted once.
  const replay = await page.request.post(`/laporan/${compact}/dukung`, {
    form: { ke: `/laporan?cari=${word}` },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(303);
  expect(replay.headers()['location']).toContain('didukung=0');
  await page.reload();
  await expect(page.getByTestId('feed-card')).toContainText('1 pendukung');
});

// Duplicate detection: a report like an open public one nearby is offered as the citizen
// types (JavaScript) or held back once when sent (without), and the citizen supports the
// public one instead.
test('a similar public report is offered before sending and supported instead', async ({ page }, testInfo) => {
  const word = `Gorong${testInfo.project.name}${Date.now() % 100000}`;
  const first = await sendComplaint(page, testInfo, {
    title: `Saluran air ${word} tersumbat sampah`,
    body: `Saluran air di ${word} tersumbat sampah plastik, air meluap ke rumah penduduk setiap hujan.`,
  });
  const compact = first.replace(/-/g, '');
  lapor('report', 'act', compact, '--role', 'national_admin', '--action', 'verify');

  await fillComplaint(page, testInfo, {
    title: `Saluran ${word} tersumbat, air meluap`,
    body: `Di ${word} saluran air tersumbat sampah dan meluap ke rumah penduduk kalau hujan deras.`,
  });
  let panel;
  if (testInfo.project.name === 'hydrate') {
    // Shown while writing, before anything is sent.
    panel = page.locator('#mirip');
  } else {
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    panel = page.getByTestId('similar');
  }
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 }).first()).toHaveText('Mungkin masalah ini sudah dilaporkan');
  const card = panel.locator(`#laporan-${compact}`);
  await expect(card).toContainText(`Saluran air ${word} tersumbat sampah`);
  expect(await panel.innerText()).not.toContain('Siti Aminah');
  await card.getByRole('button', { name: 'Dukung' }).click();
  await expect(page.getByTestId('support-notice')).toHaveText('Terima kasih, dukungan Anda tercatat.');
  await expect(page.getByTestId('feed-card')).toContainText('1 pendukung');
});

// The islands router swaps a filtered feed in by walking the old and the new page side
// by side; the cards are keyed so a shorter list replaces a longer one. (Found when
// three similar forwarded reports stood on the feed: the filtered page came back with
// one card and the old cards stayed on screen.)
test('a filter replaces a longer feed of similar reports with the one that matches', async ({ page }, testInfo) => {
  const tag = `Saring${testInfo.project.name}${Date.now() % 100000}`;
  for (const place of ['pasar', 'terminal', 'alun-alun']) {
    const number = await sendComplaint(page, testInfo, {
      title: `Lampu ${place} padam ${tag}`,
      body: `Lampu penerangan di ${place} padam sejak seminggu sehingga warga berjalan dalam gelap ${tag}.`,
    });
    const compact = number.replace(/-/g, '');
    lapor('report', 'act', compact, '--role', 'national_admin', '--action', 'verify');
    lapor('report', 'act', compact, '--role', 'national_admin', '--action', 'forward', '--agency', 'kab-3517');
  }
  const word = `Jembatan${tag}`;
  const title = `Jembatan kayu lapuk ${word}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: `Jembatan kayu di dusun ${word} lapuk dan berlubang sehingga berbahaya bagi anak sekolah.`,
  });
  lapor('report', 'act', number.replace(/-/g, ''), '--role', 'national_admin', '--action', 'verify');

  await page.goto('/laporan');
  await ready(page, testInfo);
  expect(await page.getByTestId('feed-card').count()).toBeGreaterThan(1);
  await page.getByLabel('Cari kata dalam judul atau isi').fill(word);
  await page.getByRole('button', { name: 'Terapkan filter' }).click();
  await expect(page).toHaveURL(new RegExp(`/laporan\\?cari=${word}`));
  await expect(page.getByTestId('feed-card')).toHaveCount(1);
  await expect(page.getByTestId('feed-card')).toContainText(title);
  // And back: clearing the filter brings the longer list again.
  await page.getByRole('link', { name: 'Hapus semua filter' }).click();
  await expect(page).toHaveURL(/\/laporan$/);
  await expect.poll(() => page.getByTestId('feed-card').count()).toBeGreaterThan(1);
});
