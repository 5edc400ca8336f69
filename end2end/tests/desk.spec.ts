import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { compact, lapor, openFromQueue, openStep, ready, sendComplaint, staff, staffNav } from './helpers';

// The workspace as a desk (issue 17): the staff frame, the dashboard, the account page.
// The demo staff of `lapor seed --demo` (scripts/e2e-server.sh seeds them).
const NATIONAL = 'nasional@demo.lapor.id';
const AGENCY_ADMIN = 'admin@jombangkab.demo.lapor.id';

test.skip(!process.env.LAPOR_E2E_DATA, 'needs the demo staff seeded by scripts/e2e-server.sh');

/** A national administrator of this test's own (a password change must not touch the
 * accounts the other tests sign in with). */
function newNationalAdmin(tag: string, password: string): string {
  const email = `akun-${tag}-${Date.now()}@demo.lapor.id`;
  const out = lapor({ input: `${password}\n` }, 'staff', 'add', '--email', email, '--role', 'national_admin', '--name', `Akun ${tag}`, '--password-stdin');
  expect(out).toContain(`added ${email}`);
  return email;
}

/** Opens bulk step `code` under a queue's table (when it is not open already). */
async function openBulk(page: Page, code: string): Promise<void> {
  if ((await page.locator(`[data-bulk="${code}"]`).getAttribute('open')) === null) {
    await page.getByTestId(`bulk-open-${code}`).click();
  }
  await expect(page.getByTestId(`bulk-${code}`)).toBeVisible();
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel('Email dinas', { exact: true }).fill(email);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

test('the staff pages wear the staff frame: their navigation, no citizen links, help in the footer', async ({ browser }, testInfo) => {
  const national = await staff(browser, testInfo, NATIONAL);
  await expect(national).toHaveURL(/\/ruang-kerja$/);
  const nav = staffNav(national);
  for (const name of ['Dasbor', 'Antrean', 'Cari', 'Statistik', 'Pengawasan', 'Audit', 'Akun']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Dasbor', exact: true })).toHaveAttribute('aria-current', 'page');
  for (const citizen of ['Buat laporan', 'Lacak laporan', 'Masuk petugas instansi']) {
    await expect(national.getByRole('link', { name: citizen })).toHaveCount(0);
  }
  await expect(national.getByRole('contentinfo')).toContainText('Butuh bantuan?');
  await expect(national.getByRole('banner')).toContainText('Administrator nasional');

  // An agency administrator: no audit, no oversight; their agency in the header.
  const admin = await staff(browser, testInfo, AGENCY_ADMIN);
  const theirs = staffNav(admin);
  await expect(theirs.getByRole('link', { name: 'Antrean', exact: true })).toBeVisible();
  await expect(theirs.getByRole('link', { name: 'Audit', exact: true })).toHaveCount(0);
  await expect(theirs.getByRole('link', { name: 'Pengawasan', exact: true })).toHaveCount(0);
  await expect(admin.getByRole('banner')).toContainText('Jombang');
});

test('the dashboard counts what needs action and leads into its queue; an agency sees a forwarded report at once', async ({ page, browser }, testInfo) => {
  const title = `Dasbor lampu pasar padam ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Lampu penerangan di los pasar krempyeng padam sejak seminggu sehingga pedagang berjualan dalam gelap.',
  });
  const national = await staff(browser, testInfo, NATIONAL);
  const tile = national.getByTestId('tile-verifikasi');
  await expect(tile).toHaveText(/^[1-9]\d*$/);
  const before = Number(await tile.textContent());

  const admin = await staff(browser, testInfo, AGENCY_ADMIN);
  const fresh = admin.getByTestId('tile-baru');
  const agencyBefore = Number(await fresh.textContent());

  // "To verify" leads into that queue; the report is there.
  await national.locator('[data-tile="verifikasi"]').click();
  await expect(national).toHaveURL(/\/ruang-kerja\/antrean\?antrean=verifikasi/);
  await expect(national.getByRole('link', { name: /^Perlu diverifikasi/ })).toHaveAttribute('aria-current', 'page');
  await openFromQueue(national, 'Perlu diverifikasi', number, title);
  // Keyboard first: a digit opens that step of the panel and puts the cursor in it;
  // choosing another step closes it (one step open at a time).
  if (testInfo.project.name === 'hydrate') {
    await national.keyboard.press('3');
    await expect(national.locator('details[data-step]').nth(2)).toHaveAttribute('open', '');
    await expect(national.locator('details[data-step]').nth(2).locator(':focus')).toHaveCount(1);
  }
  await openStep(national, 'verify');
  await expect(national.locator('details[data-step][open]')).toHaveCount(1);
  await expect(national.getByText('Laporan dinyatakan layak dan siap diteruskan')).toBeVisible();
  await national.getByLabel('Instansi tujuan (ketik untuk mencari)').fill('Kabupaten Jombang');
  await national.getByTestId('step-verify').click();
  await expect(national.getByTestId('report-status')).toHaveText('Terverifikasi');
  await openStep(national, 'forward');
  await national.getByTestId('step-forward').click();
  await expect(national.getByTestId('report-status')).toHaveText('Diteruskan');

  // Back on the dashboard: one fewer to verify. The agency's "new" count grew by one
  // (with JavaScript its open dashboard follows the live stream; without, on reload).
  await staffNav(national).getByRole('link', { name: 'Dasbor', exact: true }).click();
  await expect(national.getByTestId('tile-verifikasi')).toHaveText(String(before - 1));
  if (testInfo.project.name !== 'hydrate') await admin.reload();
  await expect(fresh).toHaveText(String(agencyBefore + 1));
});

test('a staff member changes their password on the account page and signs in with the new one', async ({ browser }, testInfo) => {
  const project = testInfo.project.name;
  const email = newNationalAdmin(project, 'sandi-awal-yang-panjang');
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email, 'sandi-awal-yang-panjang');
  await expect(page).toHaveURL(/\/ruang-kerja$/);
  await ready(page, testInfo);
  // A second browser of theirs, which the change signs out.
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const elsewhere = await other.newPage();
  await signIn(elsewhere, email, 'sandi-awal-yang-panjang');
  await expect(elsewhere).toHaveURL(/\/ruang-kerja$/);

  await staffNav(page).getByRole('link', { name: 'Akun', exact: true }).click();
  await expect(page.getByTestId('account-email')).toHaveText(email);
  await expect(page.getByTestId('other-sessions')).toContainText('1');
  await expect(page.getByTestId('sign-ins')).toContainText('Masuk');

  // Mistakes first: a wrong current password, then a repeat that differs.
  await page.getByLabel('Kata sandi sekarang').fill('bukan-sandi-saya');
  await page.getByLabel('Kata sandi baru', { exact: true }).fill('sandi-baru-yang-panjang');
  await page.getByLabel('Ulangi kata sandi baru').fill('sandi-baru-yang-panjang');
  await page.getByTestId('change-password').click();
  await expect(page.getByText('Kata sandi sekarang salah.')).toBeVisible();
  await page.getByLabel('Kata sandi sekarang').fill('sandi-awal-yang-panjang');
  await page.getByLabel('Kata sandi baru', { exact: true }).fill('sandi-baru-yang-panjang');
  await page.getByLabel('Ulangi kata sandi baru').fill('sandi-baru-yang-lain');
  await page.getByTestId('change-password').click();
  await expect(page.getByText('Ulangan kata sandi baru tidak sama.')).toBeVisible();

  await page.getByLabel('Kata sandi sekarang').fill('sandi-awal-yang-panjang');
  await page.getByLabel('Kata sandi baru', { exact: true }).fill('sandi-baru-yang-panjang');
  await page.getByLabel('Ulangi kata sandi baru').fill('sandi-baru-yang-panjang');
  await page.getByTestId('change-password').click();
  if (project === 'hydrate') await expect(page.getByTestId('password-changed')).toBeVisible();
  await expect(page.getByTestId('other-sessions')).toContainText('0');
  // The wrong attempt is listed among the sign-ins.
  await expect(page.getByTestId('sign-ins')).toContainText('Gagal');

  // The other browser was signed out; the old password no longer opens the desk, the
  // new one does.
  await elsewhere.goto('/ruang-kerja');
  await expect(elsewhere).toHaveURL(/\/masuk\?ke=/);
  await signIn(elsewhere, email, 'sandi-awal-yang-panjang');
  await expect(elsewhere.getByTestId('sign-in-error')).toBeVisible();
  await signIn(elsewhere, email, 'sandi-baru-yang-panjang');
  await expect(elsewhere).toHaveURL(/\/ruang-kerja$/);
  await expect(elsewhere.getByTestId('staff-name')).toHaveText(`Akun ${project}`);
  await context.close();
  await other.close();
});

test('a national administrator verifies three reports in one bulk step, saves the view, changes the password; the agency sees them at once', async ({ page, browser }, testInfo) => {
  const project = testInfo.project.name;
  // A word only these three reports carry, to find them among the others.
  const tag = `Massal${project.replace(/[^a-z]/gi, '')}${Date.now().toString(36)}`;
  const numbers: string[] = [];
  for (const place of ['pasar', 'terminal', 'alun-alun']) {
    numbers.push(await sendComplaint(page, testInfo, {
      title: `Lampu ${place} padam ${tag}`,
      body: `Lampu penerangan di ${place} padam sejak seminggu sehingga warga berjalan dalam gelap ${tag}.`,
    }));
  }
  const email = newNationalAdmin(`massal-${project}`, 'sandi-awal-yang-panjang');
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 1280, height: 800 },
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const national = await context.newPage();
  await signIn(national, email, 'sandi-awal-yang-panjang');
  await expect(national).toHaveURL(/\/ruang-kerja$/);
  await ready(national, testInfo);
  const admin = await staff(browser, testInfo, AGENCY_ADMIN);
  const fresh = admin.getByTestId('tile-baru');
  const agencyBefore = Number(await fresh.textContent());

  // From the dashboard into "to verify", narrowed to the three.
  await national.locator('[data-tile="verifikasi"]').click();
  await expect(national).toHaveURL(/\/ruang-kerja\/antrean\?antrean=verifikasi/);
  await national.getByLabel('Cari di judul dan isi').fill(tag);
  await national.getByRole('button', { name: 'Terapkan' }).click();
  await expect(national.locator('tr[data-row]')).toHaveCount(3);
  if (project === 'hydrate') {
    await national.getByTestId('select-all').check();
  } else {
    for (const box of await national.getByTestId('select-report').all()) await box.check();
  }
  for (const number of numbers) {
    await expect(national.getByRole('checkbox', { name: `Pilih laporan ${number}` })).toBeChecked();
  }
  // The step opens only its own fields and says what it will do to each report.
  await openBulk(national, 'verifikasi-teruskan');
  await expect(national.getByText('Setiap laporan yang dipilih dinyatakan layak')).toBeVisible();
  await national.locator('[data-bulk="verifikasi-teruskan"]').getByLabel('Instansi tujuan (ketik untuk mencari)').fill('Kabupaten Jombang');
  await national.getByTestId('bulk-verifikasi-teruskan').click();
  await expect(national.getByTestId('bulk-done')).toHaveText('3 laporan selesai diproses.');
  await expect(national.getByTestId('bulk-refused')).toHaveCount(0);
  await expect(national.getByTestId('queue-empty')).toBeVisible();

  // The agency's administrator has them at once (live with JavaScript, else on reload).
  if (project !== 'hydrate') await admin.reload();
  await expect(fresh).toHaveText(String(agencyBefore + 3));

  // "My work" holds them: the last step on each was this administrator's. Saved as a
  // view, it is in the navigation and opens again from there.
  await staffNav(national).getByRole('link', { name: 'Pekerjaan saya', exact: true }).click();
  await expect(national).toHaveURL(/antrean=milik-saya/);
  await national.getByLabel('Cari di judul dan isi').fill(tag);
  await national.getByRole('button', { name: 'Terapkan' }).click();
  await expect(national.locator('tr[data-row]')).toHaveCount(3);
  await national.getByTestId('open-save-view').click();
  await national.getByLabel('Nama tampilan').fill(`Lampu padam ${project}`);
  await national.getByTestId('save-view').click();
  const views = national.getByRole('navigation', { name: 'Tampilan tersimpan' });
  const saved = views.getByRole('link', { name: `Lampu padam ${project}`, exact: true });
  await expect(saved).toBeVisible();
  await expect(saved).toHaveAttribute('aria-current', 'page');
  await staffNav(national).getByRole('link', { name: 'Dasbor', exact: true }).click();
  await expect(national).toHaveURL(/\/ruang-kerja$/);
  await saved.click();
  await expect(national.locator('tr[data-row]')).toHaveCount(3);
  await expect(national.getByTestId('delete-view')).toBeVisible();

  // The password changed, the new one opens the desk.
  await staffNav(national).getByRole('link', { name: 'Akun', exact: true }).click();
  await national.getByLabel('Kata sandi sekarang').fill('sandi-awal-yang-panjang');
  await national.getByLabel('Kata sandi baru', { exact: true }).fill('sandi-baru-yang-panjang');
  await national.getByLabel('Ulangi kata sandi baru').fill('sandi-baru-yang-panjang');
  await national.getByTestId('change-password').click();
  await expect(national.getByTestId('other-sessions')).toContainText('0');
  const again = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const later = await again.newPage();
  await signIn(later, email, 'sandi-baru-yang-panjang');
  await expect(later).toHaveURL(/\/ruang-kerja$/);
  await expect(later.getByRole('navigation', { name: 'Tampilan tersimpan' }).getByRole('link', { name: `Lampu padam ${project}` })).toBeVisible();
  await again.close();
  await context.close();
});

test('a bulk step names each report it could not take and why', async ({ page, browser }, testInfo) => {
  const project = testInfo.project.name;
  const tag = `Sebagian${project.replace(/[^a-z]/gi, '')}${Date.now().toString(36)}`;
  const numbers: string[] = [];
  for (const place of ['pasar', 'terminal']) {
    numbers.push(await sendComplaint(page, testInfo, {
      title: `Sampah menumpuk di ${place} ${tag}`,
      body: `Sampah menumpuk di ${place} sejak dua minggu dan mulai berbau busuk ${tag}.`,
    }));
  }
  const national = await staff(browser, testInfo, NATIONAL);
  await national.goto(`/ruang-kerja/antrean?antrean=verifikasi&cari=${tag}`);
  await ready(national, testInfo);
  await expect(national.locator('tr[data-row]')).toHaveCount(2);
  if (project === 'hydrate') {
    // Keyboard first: j goes to the first report, x ticks it.
    await national.keyboard.press('j');
    await national.keyboard.press('x');
    await expect(national.getByTestId('select-report').first()).toBeChecked();
  }
  for (const box of await national.getByTestId('select-report').all()) await box.check();
  // The reason is required: nothing is taken, the page says so.
  await openBulk(national, 'arsip');
  await national.getByTestId('bulk-arsip').click();
  await expect(national.getByText(/wajib diisi/)).toBeVisible();
  await expect(national.locator('tr[data-row]')).toHaveCount(2);
  // Chosen again; meanwhile a colleague archives one of them.
  for (const box of await national.getByTestId('select-report').all()) await box.check();
  lapor('report', 'act', compact(numbers[1]), '--role', 'national_admin', '--action', 'archive', '--text', 'Sudah ditangani');
  if (project === 'hydrate') {
    // The live queue holds its rows while reports are ticked, and says it changed.
    await expect(national.getByTestId('queue-held')).toBeVisible();
    await expect(national.locator('tr[data-row]')).toHaveCount(2);
  }
  await openBulk(national, 'arsip');
  await national.locator('[data-bulk="arsip"]').getByLabel('Alasan (dibaca pelapor)').fill('Laporan ganda dari warga yang sama.');
  await national.getByTestId('bulk-arsip').click();
  await expect(national.getByTestId('bulk-done')).toHaveText('1 laporan selesai diproses.');
  const refused = national.getByTestId('bulk-refused');
  await expect(refused).toContainText('1 laporan tidak diproses');
  await expect(refused.getByRole('link', { name: numbers[1] })).toBeVisible();
  await expect(refused).toContainText('diubah orang lain');
});

test('every workspace page has no accessibility violations', async ({ page, browser }, testInfo) => {
  test.skip(!testInfo.project.use.javaScriptEnabled, 'axe needs JavaScript in the page');
  const title = `Aksesibilitas meja kerja ${testInfo.project.name}`;
  const number = await sendComplaint(page, testInfo, {
    title,
    body: 'Trotoar di depan kantor kecamatan rusak dan berlubang sehingga berbahaya bagi pejalan kaki.',
  });
  const national = await staff(browser, testInfo, NATIONAL);
  const check = async (where: string) => {
    const results = await new AxeBuilder({ page: national }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary, `axe violations on ${where}`).toEqual([]);
  };
  await check('the dashboard');
  await openFromQueue(national, 'Perlu diverifikasi', number, title);
  await check('a report');
  for (const [name, where] of [
    ['Antrean', 'a queue'],
    ['Cari', 'the search'],
    ['Pengawasan', 'oversight'],
    ['Audit', 'the audit'],
    ['Akun', 'the account page'],
  ]) {
    await staffNav(national).getByRole('link', { name, exact: true }).click();
    await expect(national.getByRole('heading', { level: 1 })).toBeVisible();
    await check(where);
  }
  await national.goto('/ruang-kerja/impor');
  await ready(national, testInfo);
  await check('the import page');
  const signedOut = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const anonymous = await signedOut.newPage();
  await anonymous.goto('/masuk');
  const results = await new AxeBuilder({ page: anonymous }).analyze();
  expect(results.violations.map((v) => v.id), 'axe violations on /masuk').toEqual([]);
  await signedOut.close();
});
