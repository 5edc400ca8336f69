// The report form's JavaScript extras, each loaded from this folder only when first used:
// attachments sent one by one with progress (lampiran.js), agency matches as one types
// (instansi.js), the phone's position (lokasi.js). Plain JavaScript, outside the WASM:
// the WASM holds what the form needs at once (validation, counters, the draft); these
// are needed only by some citizens, and the first load of the form has a size budget.
// Without JavaScript none of this runs and the form still works.

const $ = (id) => document.getElementById(id);
const later = (name) => import(new URL(`./${name}.js`, import.meta.url));
const files = $('lampiran');
files.addEventListener('change', () => later('lampiran').then((m) => m.chosen(files)));
$('lampiran-list').addEventListener('click', (ev) => {
  const remove = ev.target.closest('[data-remove]');
  if (remove) remove.closest('li').remove();
});
for (const button of document.querySelectorAll('#lampiran-list [data-remove]')) button.hidden = false;
const query = $('agency_query');
document.querySelector('[name="refresh_agency"]').hidden = true;
query.addEventListener('input', () => later('instansi').then((m) => m.typed(query)));
query.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter') ev.preventDefault();
});
if (navigator.geolocation) {
  for (const part of document.querySelectorAll('[data-needs-geolocation]')) part.hidden = false;
  const use = $('location-use');
  use.addEventListener('click', () => later('lokasi').then((m) => m.locate(use)));
  $('location-clear').addEventListener('click', (ev) => {
    $('latitude').value = '';
    $('longitude').value = '';
    $('location-status').textContent = '';
    ev.currentTarget.hidden = true;
  });
}
