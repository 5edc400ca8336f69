// Photos and PDFs of the report form, once JavaScript runs: every chosen file is sent at
// once to POST /lampiran (the address the form's script tag names; photos shrunk on the phone first), each with its own progress
// bar; the form then carries only the hidden `lampiran_token`s the server answers with.
// Loaded on the first file choice (see the loader, public/js/formulir.js).
// Texts come from the page (data-* attributes of #lampiran-fieldset, from the locale
// files); the server checks and re-encodes every file whatever happens here.

const MAX_SIDE = 1600;
const QUALITY = 0.85;
const MAX_FILES = 5;

const fill = (template, values) =>
  Object.entries(values).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), template);

const element = (tag, attributes = {}, text = '') => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
};

/** "240 KB", "1,5 MB" (decimal comma in Indonesian), as the server writes them. */
function size(bytes, lang) {
  const mb = 1024 * 1024;
  if (bytes < mb) return `${Math.ceil(bytes / 1024)} KB`;
  const tenths = Math.round((bytes * 10) / mb);
  return `${Math.floor(tenths / 10)}${lang === 'id' ? ',' : '.'}${tenths % 10} MB`;
}

/** A smaller JPEG of a photo (upright, as the phone shows it), or the file itself. */
async function shrink(file) {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = element('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise((done) => canvas.toBlob(done, 'image/jpeg', QUALITY));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

let guarded = false;

/** Takes the files just chosen in `input` and sends each on its own to `upload`. */
export function chosen(input, upload) {
  const box = document.getElementById('lampiran-fieldset');
  const list = document.getElementById('lampiran-list');
  const text = box.dataset;
  // From now on the form carries tokens, not files.
  input.removeAttribute('name');
  const files = [...input.files];
  input.value = '';
  document.getElementById('lampiran-kept').hidden = false;
  guard(input.form, list);
  for (const file of files) {
    const row = element('li', { class: 'attachment', 'data-testid': 'attachment' });
    row.append(element('span', { class: 'attachment-name' }, file.name));
    const counted = list.querySelectorAll('li[data-state="sending"], li[data-state="stored"]').length;
    list.append(row);
    if (counted >= MAX_FILES) {
      refuse(row, fill(text.tooMany, { n: MAX_FILES }));
      continue;
    }
    send(file, row, text, list, upload);
  }
}

async function send(file, row, text, list, upload) {
  row.dataset.state = 'sending';
  const bar = element('progress', { max: '100', value: '0', 'aria-label': file.name });
  const status = element('span', { class: 'hint' }, fill(text.sending, { pct: 0 }));
  row.append(bar, status, removeButton(text));
  const body = new FormData();
  body.append('berkas', await shrink(file), file.name);
  const request = new XMLHttpRequest();
  request.open('POST', upload);
  request.setRequestHeader('Accept', 'application/json');
  request.upload.onprogress = (ev) => {
    if (!ev.lengthComputable || !ev.total) return;
    const pct = Math.round((ev.loaded / ev.total) * 100);
    bar.value = pct;
    status.textContent = fill(text.sending, { pct });
  };
  request.onloadend = () => {
    let answer = {};
    try {
      answer = JSON.parse(request.responseText);
    } catch {
      /* not JSON: a network failure or a proxy's page */
    }
    if (request.status >= 200 && request.status < 300 && answer.token) {
      stored(row, file.name, answer, text, list);
    } else {
      refuse(row, answer.error || text.network);
    }
    if (!list.querySelector('li[data-state="sending"]')) {
      document.getElementById('lampiran-wait').hidden = true;
    }
  };
  request.send(body);
}

function stored(row, name, answer, text, list) {
  const kind = answer.kind === 'pdf' ? 'pdf' : 'photo';
  const n = list.querySelectorAll(`li[data-state="stored"][data-kind="${kind}"]`).length + 1;
  const label = fill(kind === 'pdf' ? text.pdfN : text.photoN, { n, size: size(answer.bytes, text.lang) });
  row.replaceChildren(
    element('span', { class: 'attachment-name' }, `${label}: ${name}`),
    element('input', { type: 'hidden', name: 'lampiran_token', value: answer.token }),
    removeButton(text),
  );
  row.dataset.kind = kind;
  row.dataset.state = 'stored';
}

function refuse(row, message) {
  row.dataset.state = 'refused';
  row.replaceChildren(
    row.querySelector('.attachment-name'),
    element('span', { class: 'field-error', role: 'alert' }, message),
    removeButton(document.getElementById('lampiran-fieldset').dataset),
  );
}

function removeButton(text) {
  return element('button', { type: 'button', class: 'button link', 'data-remove': '' }, text.remove);
}

/** Holds the report back while files are still on their way. */
function guard(form, list) {
  if (guarded) return;
  guarded = true;
  form.addEventListener('submit', (ev) => {
    if (list.querySelector('li[data-state="sending"]')) {
      ev.preventDefault();
      document.getElementById('lampiran-wait').hidden = false;
    }
  });
}
