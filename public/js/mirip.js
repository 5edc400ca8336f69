// Open public reports like the one being written, shown above the form as the citizen
// types (GET /lapor/mirip, the address the panel names), each with Dukung: supporting
// an existing report instead of sending the same problem again. Once some were shown,
// sending this report anyway is the citizen's informed choice, so the server does not
// hold it back a second time (new_report). Without JavaScript the server offers the same
// reports once when the report is sent. Loaded on the first keystroke (formulir.js).

const PAUSE_MS = 700;
const MIN_TITLE_CHARS = 10;
let timer;
let latest = 0;

/** Called on every change of the form; `panel` is the section that shows the matches. */
export function typed(panel) {
  clearTimeout(timer);
  const mine = ++latest;
  timer = setTimeout(() => look(panel, mine), PAUSE_MS);
}

async function look(panel, mine) {
  const data = new FormData(document.getElementById('laporan-form'));
  const value = (name) => String(data.get(name) ?? '').trim();
  const region =
    value('village_code') || value('district_code') || value('region_code') || value('province_code');
  const query = new URLSearchParams({ judul: value('title'), isi: value('body') });
  if (region) query.set('wilayah', region);
  if (value('category_id')) query.set('kategori', value('category_id'));
  if (value('latitude') && value('longitude')) {
    query.set('lat', value('latitude'));
    query.set('lon', value('longitude'));
  }
  let found = [];
  if ([...value('title')].length >= MIN_TITLE_CHARS && (region || query.has('lat'))) {
    try {
      const response = await fetch(`${panel.dataset.address}?${query}`);
      if (!response.ok) return;
      found = await response.json();
    } catch {
      return; // Offline: keep what is shown.
    }
  }
  if (mine === latest) show(panel, found);
}

function show(panel, found) {
  const seen = document.getElementById('mirip-seen');
  if (found.length === 0) {
    panel.hidden = true;
    panel.replaceChildren();
    seen?.remove();
    return;
  }
  const heading = element('h2', panel.dataset.heading);
  const intro = element('p', panel.dataset.intro);
  const list = element('ul', '');
  list.className = 'feed';
  list.append(...found.map((report) => card(panel, report)));
  panel.replaceChildren(heading, intro, list);
  panel.hidden = false;
  if (!seen) {
    const input = Object.assign(document.createElement('input'), {
      type: 'hidden',
      name: 'new_report',
      value: '1',
      id: 'mirip-seen',
    });
    input.setAttribute('form', 'laporan-form');
    panel.after(input);
  }
}

function card(panel, report) {
  const item = element('li', '');
  item.className = 'card feed-card';
  item.id = `laporan-${report.kode}`;
  const title = element('h3', '');
  const link = element('a', report.judul);
  link.href = `/lacak/${report.kode}`;
  title.append(link);
  const facts = element('p', [report.nomor, report.wilayah, report.status].filter(Boolean).join(' · '));
  facts.className = 'hint';
  const form = element('form', '');
  Object.assign(form, { method: 'post', action: `/laporan/${report.kode}/dukung` });
  form.className = 'support';
  const back = Object.assign(document.createElement('input'), {
    type: 'hidden',
    name: 'ke',
    value: `/laporan?cari=${report.kode}`,
  });
  const button = element('button', panel.dataset.support);
  button.type = 'submit';
  button.className = 'button secondary';
  const count = element('span', panel.dataset.supporters.replaceAll('{n}', String(report.pendukung)));
  form.append(back, button, ' ', count);
  item.append(facts, title, element('p', report.ringkasan), form);
  return item;
}

function element(name, text) {
  const node = document.createElement(name);
  node.textContent = text;
  return node;
}
