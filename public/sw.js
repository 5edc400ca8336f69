// Lapor's service worker: the citizen's form and the tracking shell open with no
// connection, and the app updates on the next visit.
//
// - Pages (`PAGES`): from the network when there is one (and kept), else the kept copy.
//   Only these pages are ever kept: no staff page, no demo page, no report's own page
//   (it may show its reporter's private view), and never a response marked `no-store` or
//   `private`.
// - Files (`/pkg`, `/css`, `/js`, `/ikon`): kept once fetched (built file names carry
//   their content's hash), older builds of the same file dropped.
// - A new version of this file replaces the old caches when it takes over.

const VERSION = 'lapor-v1';
const PAGES = ['/', '/lapor', '/lacak', '/laporan-saya'];
const FILES = /^\/(pkg|css|js|ikon)\/|^\/favicon\.svg$|^\/manifest\.webmanifest$/;
const SCRIPTS = ['/js/formulir.js', '/js/antrean.js', '/js/lampiran.js', '/js/instansi.js', '/js/lokasi.js', '/js/mirip.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(VERSION);
      await Promise.all([...PAGES, ...SCRIPTS].map((path) => keep(cache, path)));
      // The form's own build files, named in its page.
      const form = await cache.match('/lapor');
      const html = form ? await form.clone().text() : '';
      const built = new Set(html.match(/\/pkg\/[\w.-]+/g) ?? []);
      await Promise.all([...built].map((path) => keep(cache, path)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== VERSION) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (FILES.test(url.pathname)) event.respondWith(file(request, url));
  else if (PAGES.includes(url.pathname) && !url.search) event.respondWith(page(request, url));
});

/** Keeps `path` as the network gives it now (failures are left for the next visit). */
async function keep(cache, path) {
  try {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (keepable(response)) await cache.put(path, response);
  } catch {
    /* offline while installing: kept on the next visit */
  }
}

function keepable(response) {
  const control = response.headers.get('cache-control') ?? '';
  return response.ok && response.type === 'basic' && !/no-store|private/.test(control);
}

async function page(request, url) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (keepable(response)) await cache.put(url.pathname, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(url.pathname);
    if (kept) return kept;
    throw error;
  }
}

async function file(request, url) {
  const cache = await caches.open(VERSION);
  const kept = await cache.match(url.pathname);
  if (kept) return kept;
  const response = await fetch(request);
  if (keepable(response)) {
    // lapor.1a2b3c.wasm replaces lapor.9f8e7d.wasm.
    const family = url.pathname.replace(/\.[0-9a-f_-]{8,}\./i, '.');
    for (const old of await cache.keys()) {
      const path = new URL(old.url).pathname;
      if (path !== url.pathname && path.replace(/\.[0-9a-f_-]{8,}\./i, '.') === family) await cache.delete(old);
    }
    await cache.put(url.pathname, response.clone());
  }
  return response;
}
