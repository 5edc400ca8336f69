import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { compact, openFromQueue, openStep, otherPhone, pickRegency, ready, submitReport } from './helpers';

// Socialization mode: `lapor demo`, started by playwright.config.ts on a port of its own
// (scripts/e2e-server.sh demo), telling phones to open it at that address.
const demoURL = process.env.LAPOR_E2E_DEMO_URL ?? '';
test.skip(!process.env.LAPOR_E2E_DEMO_PORT, 'needs the demo server started by playwright.config.ts');

/** The trainer's laptop, driving the projector. */
async function laptop(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const context = await browser.newContext({
    baseURL: demoURL,
    viewport: { width: 1280, height: 800 },
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const page = await context.newPage();
  await page.goto('/demo');
  return page;
}

/** A phone in the hall, on the laptop's hotspot. */
async function phone(browser: Browser, testInfo: TestInfo): Promise<Page> {
  return (await otherPhone(browser, testInfo, demoURL)).newPage();
}

/** Fills and sends the form the phone opened; returns the tracking number. */
async function sendFromPhone(page: Page, testInfo: TestInfo, title: string): Promise<string> {
  await ready(page, testInfo);
  await page.locator('#classification-pengaduan').check();
  await page.getByLabel('Judul laporan', { exact: true }).fill(title);
  await page
    .getByLabel('Isi laporan (kronologi)', { exact: true })
    .fill('Sejak kemarin sore pagar jembatan gantung di dusun kami hanyut terbawa arus sungai.');
  await pickRegency(page, testInfo);
  await page.getByLabel('Nama', { exact: true }).fill('Peserta Sosialisasi');
  await page.getByLabel('Nomor HP', { exact: true }).fill('0812 1708 0000');
  await submitReport(page);
  return ((await page.getByTestId('tracking-number').textContent()) ?? '').trim();
}

async function switchRole(laptop: Page, role: string): Promise<void> {
  await laptop.goto('/demo');
  await laptop.getByRole('button', { name: role, exact: true }).click();
  await expect(laptop).toHaveURL(/\/ruang-kerja(\/pengawasan)?$/);
  await expect(laptop.getByTestId('staff-name')).toBeVisible();
}

test('a phone joins by the QR code, and its report shows on the projector as it arrives', async ({ browser }, testInfo) => {
  test.setTimeout(60_000);
  const projector = await laptop(browser, testInfo);
  await expect(projector.getByTestId('demo-banner')).toContainText('DEMO');
  await expect(projector.locator('.demo-qr svg path')).toHaveCount(1);
  const joinUrl = ((await projector.getByTestId('demo-join-url').textContent()) ?? '').trim();
  expect(joinUrl).toBe(`${demoURL}/lapor`);
  const before = Number(await projector.getByTestId('demo-count').textContent());

  // Scanning the code opens this address on the phone.
  const hall = await phone(browser, testInfo);
  await hall.goto(joinUrl);
  await expect(hall.getByTestId('demo-banner')).toBeVisible();
  const title = `Pagar jembatan gantung hanyut ${testInfo.project.name}`;
  await sendFromPhone(hall, testInfo, title);

  // The projector updates by itself when JavaScript runs; a reload shows it otherwise.
  if (testInfo.project.name !== 'hydrate') await projector.reload();
  await expect(projector.getByTestId('demo-count')).toHaveText(String(before + 1));
  await expect(projector.getByText(title)).toBeVisible();
  await expect(projector.getByText('Peserta Sosialisasi')).toHaveCount(0);
});

test('the trainer follows one report through every role while the phone watches', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const live = testInfo.project.name === 'hydrate';
  const hall = await phone(browser, testInfo);
  await hall.goto('/lapor');
  const title = `Pagar jembatan gantung roboh ${testInfo.project.name}`;
  const number = await sendFromPhone(hall, testInfo, title);
  await hall.goto(`/lacak/${compact(number)}`);
  await ready(hall, testInfo);
  const seen = async (status: string) => {
    if (!live) await hall.reload();
    await expect(hall.getByTestId('status')).toHaveText(status);
  };

  const trainer = await laptop(browser, testInfo);
  await switchRole(trainer, 'Administrator nasional');
  await openFromQueue(trainer, 'Perlu diverifikasi', number, title);
  await openStep(trainer, 'verify');
  await trainer.getByLabel('Instansi tujuan (ketik untuk mencari)').fill('Kabupaten Jombang');
  await trainer.getByTestId('step-verify').click();
  await expect(trainer.getByTestId('report-status')).toHaveText('Terverifikasi');
  await openStep(trainer, 'forward');
  await trainer.getByTestId('step-forward').click();
  await expect(trainer.getByTestId('report-status')).toHaveText('Diteruskan');
  await seen('Diteruskan');

  await switchRole(trainer, 'Admin instansi');
  await openFromQueue(trainer, 'Baru untuk instansi', number, title);
  await openStep(trainer, 'dispose');
  await trainer.getByLabel('Unit kerja').selectOption('Dinas PUPR');
  await trainer.getByTestId('step-dispose').click();
  await expect(trainer.getByTestId('report-status')).toHaveText('Didisposisikan');

  await switchRole(trainer, 'Operator unit');
  await openFromQueue(trainer, 'Didisposisikan', number, title);
  const answer = 'Dinas PUPR memasang pagar sementara hari ini; pagar permanen dipasang pekan depan.';
  await openStep(trainer, 'draft');
  await trainer.getByLabel('Jawaban tindak lanjut untuk pelapor').fill(answer);
  await trainer.getByTestId('step-draft').click();
  await expect(trainer.getByTestId('report-status')).toHaveText('Sedang ditindaklanjuti');

  await switchRole(trainer, 'Pejabat penghubung');
  await openFromQueue(trainer, 'Draf menunggu persetujuan', number, title);
  await openStep(trainer, 'publish');
  await trainer.getByTestId('step-publish').click();
  await expect(trainer.getByTestId('report-status')).toHaveText('Ditindaklanjuti');
  await seen('Ditindaklanjuti');
  await expect(hall.getByText(answer)).toBeVisible();

  // Oversight reads across agencies.
  await switchRole(trainer, 'Pengawas');
  await expect(trainer.getByTestId('staff-name')).toBeVisible();
});
