import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { compact, openFromQueue, openStep, ready, sendComplaint, staff, STAFF_PASSWORD, toQueue } from './helpers';

// The demo staff of `lapor seed --demo` (scripts/e2e-server.sh seeds them).
const NATIONAL = 'nasional@demo.lapor.id';
const AGENCY_ADMIN = 'admin@jombangkab.demo.lapor.id';
const OPERATOR = 'pu@jombangkab.demo.lapor.id';
const LIAISON = 'penghubung@jombangkab.demo.lapor.id';

test.skip(!process.env.LAPOR_E2E_DATA, 'needs the demo staff seeded by scripts/e2e-server.sh');

test('a report goes from the citizen through every staff role and back to the citizen', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const live = testInfo.project.name === 'hydrate';
  const title = `Jembatan desa retak ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Jembatan penghubung Desa Sukodadi retak di tengah dan bergoyang bila dilewati truk pasir.',
    anonymous: true,
  });
  // The citizen keeps the tracking page open on the phone.
  await page.goto(`/lacak/${compact(number)}`);
  await ready(page, testInfo);

  // The national administrator verifies and forwards it to the regency.
  const national = await staff(browser, testInfo, NATIONAL);
  await openFromQueue(national, 'Perlu diverifikasi', number, title);
  await expect(national.getByTestId('reporter-identity')).toContainText('Siti Aminah');
  // Verifying routes it; the forward step then starts from that agency.
  // The panel lists the steps; choosing one opens only its fields.
  await expect(national.locator('details[data-step] > summary').first()).toHaveText('Verifikasi');
  await expect(national.locator('details[data-step][open]')).toHaveCount(0);
  await openStep(national, 'verify');
  await expect(national.getByTestId('step-archive')).toBeHidden();
  const agencyPicker = national.getByLabel('Instansi tujuan (ketik untuk mencari)');
  await agencyPicker.fill('Kabupaten Jombang');
  await national.getByTestId('step-verify').click();
  await expect(national.getByTestId('report-status')).toHaveText('Terverifikasi');
  await expect(national.getByTestId('report-routed-to')).toHaveText('Kabupaten Jombang');
  await expect(agencyPicker).toHaveValue('Kabupaten Jombang');
  await openStep(national, 'forward');
  await national.getByTestId('step-forward').click();
  await expect(national.getByTestId('report-status')).toHaveText('Diteruskan');
  await expect(national.getByTestId('report-agency')).toHaveText('Kabupaten Jombang');

  // The agency administrator disposes it to a unit; the reporter stays anonymous.
  const admin = await staff(browser, testInfo, AGENCY_ADMIN);
  await openFromQueue(admin, 'Baru untuk instansi', number, title);
  await expect(admin.getByTestId('reporter-hidden')).toBeVisible();
  await expect(admin.getByText('Siti Aminah')).toHaveCount(0);
  await openStep(admin, 'dispose');
  await admin.getByLabel('Unit kerja').selectOption('Dinas PUPR');
  await admin.getByTestId('step-dispose').click();
  await expect(admin.getByTestId('report-status')).toHaveText('Didisposisikan');

  // The unit operator drafts the follow-up; the administrator's open page follows live.
  const operator = await staff(browser, testInfo, OPERATOR);
  await openFromQueue(operator, 'Didisposisikan', number, title);
  const answer = 'Dinas PUPR sudah memasang rambu batas muatan dan perbaikan dijadwalkan pekan depan.';
  await openStep(operator, 'draft');
  await operator.getByLabel('Jawaban tindak lanjut untuk pelapor').fill(answer);
  await operator.getByTestId('step-draft').click();
  await expect(operator.getByTestId('report-status')).toHaveText('Sedang ditindaklanjuti');
  if (live) {
    await expect(admin.getByTestId('report-status')).toHaveText('Sedang ditindaklanjuti');
  }

  // The liaison officer approves and publishes it.
  const liaison = await staff(browser, testInfo, LIAISON);
  await openFromQueue(liaison, 'Draf menunggu persetujuan', number, title);
  await expect(liaison.getByTestId('staff-timeline')).toContainText(answer);
  await openStep(liaison, 'publish');
  await liaison.getByTestId('step-publish').click();
  await expect(liaison.getByTestId('report-status')).toHaveText('Ditindaklanjuti');

  // The citizen sees the answer: without reloading when JavaScript runs.
  if (!live) await page.reload();
  await expect(page.getByText(answer)).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('Ditindaklanjuti');

  // The national administrator reads who did what.
  await national.reload();
  await expect(national.getByTestId('audit')).toContainText(LIAISON);
  await expect(national.getByTestId('audit')).toContainText('transition:publish');
});

test('two staff act on one report at once: one wins, the other sees what changed', async ({ page, browser }, testInfo) => {
  const title = `Pungutan liar di kantor desa ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Petugas kantor desa meminta uang lima puluh ribu rupiah untuk surat pengantar KTP.',
  });
  const first = await staff(browser, testInfo, NATIONAL);
  const second = await staff(browser, testInfo, NATIONAL);
  for (const p of [first, second]) await openFromQueue(p, 'Perlu diverifikasi', number, title);
  await openStep(first, 'verify');
  await first.getByTestId('step-verify').click();
  await expect(first.getByTestId('report-status')).toHaveText('Terverifikasi');
  if (testInfo.project.name === 'hydrate') {
    // The second page already follows: the report changed under it.
    await expect(second.getByTestId('report-status')).toHaveText('Terverifikasi');
  } else {
    // Without the script the second page is stale: its step is refused as a conflict.
    await openStep(second, 'archive');
    await second.locator('details[data-step="archive"] textarea').fill('Bukan wewenang LAPOR!');
    await second.getByTestId('step-archive').click();
    await expect(second.getByTestId('step-error')).toContainText('baru saja diubah');
    await expect(second.getByTestId('report-status')).toHaveText('Terverifikasi');
  }
});

test('a wrong password is refused with one plain message', async ({ page }) => {
  await page.goto('/masuk');
  await page.getByLabel('Email dinas', { exact: true }).fill(NATIONAL);
  await page.getByLabel('Kata sandi', { exact: true }).fill('bukan-kata-sandinya');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Email atau kata sandi salah.');
  await expect(page.getByLabel('Email dinas', { exact: true })).toHaveValue(NATIONAL);
});

test('a step shows where it leads at once and gives it back when the server refuses', async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrate', 'the optimistic update is the script’s');
  const title = `Lampu jalan padam ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Sepanjang jalan desa gelap gulita sejak tiga minggu karena lampu jalan padam semua.',
  });
  const national = await staff(browser, testInfo, NATIONAL);
  await openFromQueue(national, 'Perlu diverifikasi', number, title);
  const status = national.getByTestId('report-status');

  // Hold each step at the door so the page can be seen before the server answers.
  let waiting: (() => void) | null = null;
  await national.route('**/api/ruang-kerja/langkah', async (route) => {
    await new Promise<void>((resolve) => (waiting = resolve));
    await route.continue();
  });
  const release = async () => {
    await expect.poll(() => waiting !== null).toBe(true);
    (waiting as (() => void) | null)?.();
    waiting = null;
  };
  await openStep(national, 'verify');
  await national.getByTestId('step-verify').click();
  await expect(status).toHaveText('Terverifikasi');
  await expect(status).toHaveClass(/predicted/);
  await release();
  await expect(status).not.toHaveClass(/predicted/);
  await expect(status).toHaveText('Terverifikasi');

  // An agency that does not exist: the server refuses, the page gives the status back.
  await openStep(national, 'forward');
  await national.getByLabel('Instansi tujuan (ketik untuk mencari)').fill('Instansi Khayalan Nusantara');
  await national.getByTestId('step-forward').click();
  await expect(status).toHaveText('Diteruskan');
  await expect(status).toHaveClass(/predicted/);
  await release();
  await expect(national.getByTestId('step-error')).toBeVisible();
  await expect(status).toHaveText('Terverifikasi');
  await expect(status).not.toHaveClass(/predicted/);
});

test('a queue downloads as a spreadsheet file with the same filters', async ({ browser }, testInfo) => {
  const national = await staff(browser, testInfo, NATIONAL);
  await toQueue(national);
  await national.getByRole('link', { name: /^Semua/ }).click();
  // With JavaScript the islands router fetches the queue and swaps it in: choose the
  // filter on the page it brings, not on the one it replaces.
  await expect(national).toHaveURL(/antrean=semua/);
  await expect(national.getByRole('link', { name: /^Semua/ })).toHaveAttribute('aria-current', 'page');
  await national.getByLabel('Tenggat', { exact: true }).selectOption('tanpa');
  await national.getByRole('button', { name: 'Terapkan' }).click();
  await expect(national).toHaveURL(/tenggat=tanpa/);
  const [download] = await Promise.all([
    national.waitForEvent('download'),
    national.getByTestId('export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^lapor-semua-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(download.url()).toContain('tenggat=tanpa');
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  expect(text.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
    'Nomor,Judul,Jenis,Status,Saluran,Instansi,Unit kerja,Tenggat,Dikirim,Anonim,Rahasia',
  );
});

test('a signed-out visit to a workspace page signs in and comes back to that page', async ({ page }, testInfo) => {
  await page.goto('/ruang-kerja/antrean?antrean=semua');
  await expect(page).toHaveURL(/\/masuk\?ke=%2Fruang-kerja%2Fantrean%3Fantrean%3Dsemua$/);
  await ready(page, testInfo);
  await page.getByLabel('Email dinas', { exact: true }).fill(NATIONAL);
  await page.getByLabel('Kata sandi', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(/\/ruang-kerja\/antrean\?antrean=semua$/);
  await expect(page.getByTestId('staff-name')).toBeVisible();
});

test('the workspace moves between its pages on data alone, and a step shows on a colleague’s open page within a second', async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'hydrate', 'the workspace’s router and live stream are its island’s');
  const title = `Saluran air tersumbat ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Saluran air di gang tiga tersumbat sampah sehingga air meluap ke rumah warga setiap hujan.',
  });
  const first = await staff(browser, testInfo, NATIONAL);
  const second = await staff(browser, testInfo, NATIONAL);

  // After the first load, moving around asks the server for data only, never a page.
  const documents: string[] = [];
  const data: string[] = [];
  first.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(request.url());
    if (new URL(request.url()).pathname.startsWith('/api/ruang-kerja/')) data.push(request.url());
  });
  await openFromQueue(first, 'Perlu diverifikasi', number, title);
  await first.keyboard.press('u');
  await expect(first.getByTestId('report-title')).toHaveCount(0);
  await expect(first.getByRole('link', { name: number, exact: true })).toBeVisible();
  await first.goBack();
  await expect(first.getByTestId('report-title')).toHaveText(title);
  await first.goBack();
  await expect(first.getByRole('link', { name: number, exact: true })).toBeVisible();
  await first.goForward();
  await expect(first.getByTestId('report-title')).toHaveText(title);
  expect(documents).toEqual([]);
  expect(data.length).toBeGreaterThanOrEqual(4);

  // Both have the report open; one verifies it, the other's page shows it within a second.
  await openFromQueue(second, 'Perlu diverifikasi', number, title);
  await openStep(first, 'verify');
  await first.getByTestId('step-verify').click();
  const status = first.getByTestId('report-status');
  await expect(status).toHaveText('Terverifikasi');
  await expect(status).not.toHaveClass(/predicted/);
  await expect(second.getByTestId('report-status')).toHaveText('Terverifikasi', { timeout: 1_000 });
  expect(documents).toEqual([]);
});
