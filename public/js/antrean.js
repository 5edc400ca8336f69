// The phone's own memory of its reports (the installable app):
// - a report written with no connection is kept here (localStorage) and sent once when the
//   connection returns, as the same form post with the same idempotency key (the server
//   stores a repeated key once), so the receipt with the PIN follows as usual;
// - the reports sent from this phone, with their latest known status ("Laporan saya").
// Loaded by formulir.js when needed, by the receipt page and by /laporan-saya. Every text
// comes from the page (the server's locale files); nothing here is shown without it.

const QUEUE = 'lapor.antrean.v1';
const MINE = 'lapor.mine.v1';
const DRAFT = 'lapor.draft.v2';

const read = (key) => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '[]');
  } catch {
    return [];
  }
};
const write = (key, list) => localStorage.setItem(key, JSON.stringify(list));
const field = (fields, name) => fields.find(([n]) => n === name)?.[1] ?? '';

/** A key no other report of this phone has (the cached form's key may be an old one). */
function freshKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'antrean-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The form was sent with no connection: keep it, show that it waits, send it later. */
export function hold(form) {
  const fields = [...new FormData(form)]
    .filter(([name, value]) => typeof value === 'string' && name !== 'idempotency_key' && name !== 'lampiran')
    .concat([['idempotency_key', freshKey()]]);
  write(QUEUE, [...read(QUEUE), { fields, at: Date.now() }]);
  localStorage.removeItem(DRAFT);
  form.hidden = true;
  const notice = document.getElementById('antrean');
  if (notice) {
    notice.hidden = false;
    notice.scrollIntoView();
  }
  resume();
}

/** Sends what waits as soon as there is a connection (now, or when it returns). */
export function resume() {
  if (navigator.onLine) send();
  else addEventListener('online', send, { once: true });
}

/** The oldest waiting report, as the plain form post it was (a navigation: the receipt
 * page follows). It stays queued, marked as sent, until a page shows how it went. */
function send() {
  const queue = read(QUEUE);
  const next = queue[0];
  if (!next || next.sending) return;
  next.sending = true;
  write(QUEUE, queue);
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/lapor';
  form.hidden = true;
  // The reporter could not see look-alike reports while offline: never held for them.
  for (const [name, value] of next.fields.concat([['new_report', '1']])) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

/** After a queued report was posted: the receipt page means it was stored; the form
 * again with its key means the server answered with something to correct (the form
 * shows it). Anything else (the post never arrived) sends it again later. */
function settle() {
  const queue = read(QUEUE);
  const next = queue[0];
  if (!next?.sending) return;
  const sent = document.getElementById('terkirim');
  const key = document.querySelector('#laporan-form [name="idempotency_key"]')?.value;
  if (sent || key === field(next.fields, 'idempotency_key')) {
    write(QUEUE, queue.slice(1));
  } else {
    delete next.sending;
    write(QUEUE, queue);
  }
}

/** The receipt page: remember the number on this phone. */
function remember(number) {
  const mine = read(MINE);
  if (!mine.some((report) => report.number === number)) {
    write(MINE, [{ number, at: Date.now() }, ...mine].slice(0, 100));
  }
}

/** /laporan-saya: what waits, then what was sent, each with its latest known status
 * (read from its public tracking page when there is a connection). */
async function list(box) {
  const texts = box.dataset;
  const empty = document.getElementById('laporan-saya-kosong');
  const mine = read(MINE);
  const waiting = read(QUEUE);
  if (empty) empty.hidden = mine.length + waiting.length > 0;
  const item = (title, status) => {
    const li = document.createElement('li');
    const strong = document.createElement('strong');
    strong.textContent = title;
    const small = document.createElement('span');
    small.className = 'hint';
    small.textContent = status;
    li.append(strong, ' — ', small);
    box.append(li);
    return li;
  };
  for (const report of waiting) item(field(report.fields, 'title'), texts.waiting).dataset.waiting = '';
  const rows = mine.map((report) => {
    const li = item('', '');
    const link = document.createElement('a');
    link.href = `${texts.track}/${report.number}`;
    link.textContent = report.number.replace(/(...)(...)(...)/, '$1-$2-$3');
    li.prepend(link, ' ');
    return [report, li];
  });
  const show = ([report, li]) => {
    li.querySelector('strong').textContent = report.title ?? '';
    li.querySelector('.hint').textContent = report.status
      ? `${report.status} (${texts.checked.replace('{date}', new Date(report.checked).toLocaleString(document.documentElement.lang))})`
      : texts.unknown;
  };
  rows.forEach(show);
  if (!navigator.onLine) return;
  for (const [report, li] of rows) {
    try {
      const page = await fetch(`${texts.track}/${report.number}`, { headers: { Accept: 'text/html' } });
      if (!page.ok) continue;
      const html = new DOMParser().parseFromString(await page.text(), 'text/html');
      report.status = html.querySelector('[data-testid="status"]')?.textContent?.trim() ?? report.status;
      report.title = html.querySelector('h1')?.textContent?.trim() ?? report.title;
      report.checked = Date.now();
      show([report, li]);
    } catch {
      break; // offline after all: the last known status stays
    }
  }
  write(MINE, read(MINE).map((kept) => rows.find(([r]) => r.number === kept.number)?.[0] ?? kept));
}

// The receipt and the list only take note; sending happens from the form (formulir.js
// calls `resume`), never while a receipt with its PIN is on the screen.
settle();
const sent = document.getElementById('terkirim');
if (sent) remember(sent.dataset.number);
const box = document.getElementById('laporan-saya');
if (box) list(box);
navigator.serviceWorker?.register('/sw.js').catch(() => {});
