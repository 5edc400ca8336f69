const $ = (id) => document.getElementById(id);
const at = document.querySelector('script[data-upload]').dataset;
const later = (name) => import(`./${name}.js`);
const files = $('lampiran');
files.addEventListener('change', () => later('lampiran').then((m) => m.chosen(files, at.upload)));
$('lampiran-list').addEventListener('click', (ev) => {
  const remove = ev.target.closest('[data-remove]');
  if (remove) remove.closest('li').remove();
});
for (const button of document.querySelectorAll('#lampiran-list [data-remove]')) button.hidden = false;
const query = $('agency_query');
document.querySelector('[name="refresh_agency"]').hidden = true;
query.addEventListener('input', () => later('instansi').then((m) => m.typed(query, at.search)));
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
const similar = $('mirip');
if (similar) {
  const look = () => later('mirip').then((m) => m.typed(similar));
  document.addEventListener('input', (ev) => ['title', 'body'].includes(ev.target.name) && look());
  document.addEventListener('change', (ev) => ev.target.form?.id === 'laporan-form' && look());
}
// The installable app: written offline, a report waits on the phone (antrean.js).
const waiting = () => later('antrean');
if (localStorage.getItem('lapor.antrean.v1')?.length > 2) waiting().then((m) => m.resume());
$('laporan-form').addEventListener('submit', (ev) => {
  if (navigator.onLine || !ev.target.checkValidity()) return;
  ev.preventDefault();
  waiting().then((m) => m.hold(ev.target));
});
addEventListener('load', () => navigator.serviceWorker?.register('/sw.js'));
