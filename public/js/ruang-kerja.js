// The agency workspace, enhanced (pages work without it: links, GET filters and
// form posts to the step server function).
// - Keyboard: on a queue, / search, j/k move between reports, Enter opens; on a report,
//   u back to the queue, n writes a note, 1-9 jump to a step.
// - Steps without reloading: a step form is posted with fetch; while it is on its way
//   the form shows "saving" (optimistic), and is given back as it was when it fails.
//   The fresh page parts come from the server (its words, in the reader's language).
// - Moving around the workspace (links, the filter form, back/forward) fetches the next
//   page and puts its <main> in place of this one: no reload, the live stream stays open.
// - Live: the workspace's stream (server-sent events, /ruang-kerja/langsung) names each
//   report that changed in the reader's scope; the open page takes the fresh parts within
//   a second.
// Addresses come from the page: the staff bar's data-ws-root and data-ws-live, each
// step form's action; forms marked data-whole-page (sign-in, sign-out) load a page.

const bar = document.querySelector('[data-ws-root]');
let ownStepUntil = 0;

// The report this page shows, if any (read each time: the islands router swaps pages).
function currentReport() {
  const marker = document.querySelector('[data-ws-report]');
  return marker ? marker.dataset.wsReport : null;
}

function typing(target) {
  return target.closest('input, textarea, select, [contenteditable]') !== null;
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  if (event.key === '/') {
    const search = document.querySelector('[data-shortcut="search"]');
    if (search) {
      event.preventDefault();
      search.focus();
    }
  } else if (event.key === 'j' || event.key === 'k') {
    const links = [...document.querySelectorAll('tr[data-row] a')];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
    links[next].focus();
    event.preventDefault();
  } else if (event.key === 'u') {
    const back = document.querySelector('[data-shortcut="back"]');
    if (back) back.click();
  } else if (event.key === 'n') {
    const note = document.querySelector('form[data-step="note"] textarea');
    if (note) {
      event.preventDefault();
      note.focus();
    }
  } else if (/^[1-9]$/.test(event.key)) {
    const form = document.querySelectorAll('form[data-step]')[Number(event.key) - 1];
    const field = form && form.querySelector('input:not([type=hidden]), select, textarea, button');
    if (field) {
      event.preventDefault();
      field.focus();
    }
  }
});

// A workspace page (attachments open in a tab of their own: their links have a target).
function inWorkspace(url) {
  return bar !== null && url.origin === location.origin && url.pathname.startsWith(bar.dataset.wsRoot);
}

// Shows the workspace page at `url` by swapping <main>; anything else (a sign-in page
// after the session ended, an error) is a whole-page load.
async function go(url, push) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'text/html' } });
  } catch {
    location.href = url;
    return;
  }
  const landed = new URL(response.url);
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  const main = fresh.querySelector('main');
  const current = document.querySelector('main');
  if (!inWorkspace(landed) || !main || !current) {
    location.href = response.url;
    return;
  }
  current.replaceWith(main);
  document.title = fresh.title;
  if (push) history.pushState(null, '', landed.pathname + landed.search);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest && event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download') || event.button !== 0) return;
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href, location.href);
  if (!inWorkspace(url)) return;
  event.preventDefault();
  event.stopPropagation();
  go(url.href, true);
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'get') return;
  const url = new URL(form.action, location.href);
  if (!inWorkspace(url)) return;
  event.preventDefault();
  event.stopPropagation();
  url.search = new URLSearchParams(new FormData(form)).toString();
  go(url.href, true);
});

window.addEventListener(
  'popstate',
  (event) => {
    if (!inWorkspace(new URL(location.href))) return;
    event.stopImmediatePropagation();
    go(location.href, false);
  },
  true,
);

// Fetches `url` and gives each [data-live] part of this page the content of its
// namesake there; with `gently`, parts the reader is typing in are left alone.
async function refresh(url, gently) {
  const response = await fetch(url, { headers: { Accept: 'text/html' } });
  if (!response.ok && response.status !== 404) return false;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  let changed = false;
  for (const part of fresh.querySelectorAll('[data-live]')) {
    const current = document.querySelector(`[data-live="${part.dataset.live}"]`);
    if (!current || current.innerHTML === part.innerHTML) continue;
    if (gently && inUse(current)) continue;
    current.innerHTML = part.innerHTML;
    changed = true;
  }
  return changed;
}

// A part the reader is filling in: focus in one of its fields, or text typed into it.
function inUse(part) {
  const focused = document.activeElement;
  const editing = part.contains(focused) && focused.matches('input, textarea, select');
  const typed = [...part.querySelectorAll('textarea')].some((field) => field.value !== '');
  return editing || typed;
}

function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_');
}

// Signing in and out are whole-page navigations, so that the page after them runs this
// script (a page swapped in by the islands router would not run its scripts): stopping
// the event here keeps it from the router's listener on window.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute('data-whole-page')) {
    event.stopPropagation();
  }
});

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('form[data-step]')) return;
  event.preventDefault();
  const button = form.querySelector('button[type=submit]');
  const label = button.textContent;
  const saving = form.closest('[data-saving]');
  form.classList.add('pending');
  button.disabled = true;
  if (saving) button.textContent = saving.dataset.saving;
  // Optimistic: the status the step leads to, shown before the server answers.
  const status = document.querySelector('[data-testid="report-status"]');
  const shownStatus = status ? status.textContent : '';
  if (status && form.dataset.nextStatus) {
    status.textContent = form.dataset.nextStatus;
    status.classList.add('predicted');
  }
  ownStepUntil = Date.now() + 3000;
  let url = location.pathname;
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
    });
    if (!response.ok) url += `?__err=${base64url(await response.text())}`;
  } catch {
    url += `?__err=${base64url('"Unavailable"')}`;
  }
  // Roll back the pending state; the fresh parts show the result or the error.
  form.classList.remove('pending');
  button.disabled = false;
  button.textContent = label;
  await refresh(url, false).catch(() => {});
  // The fresh parts replaced the prediction; if they could not be had, give it back.
  if (status && status.isConnected && status.classList.contains('predicted')) {
    status.textContent = shownStatus;
    status.classList.remove('predicted');
  }
  const notice = document.querySelector('[data-live="notice"] [role="alert"]');
  if (notice) notice.scrollIntoView({ block: 'center' });
});

if (bar && 'EventSource' in window) {
  let busy = false;
  let again = false;
  const update = async (changedNumber) => {
    const shown = currentReport();
    if (shown && changedNumber && changedNumber !== shown) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const changed = await refresh(location.pathname + location.search, true);
      const banner = document.querySelector('[data-ws-changed]');
      if (changed && banner && Date.now() > ownStepUntil) banner.hidden = false;
    } catch {
      /* offline: the next event tries again */
    }
    setTimeout(() => {
      busy = false;
      if (again) {
        again = false;
        update('');
      }
    }, 300);
  };
  new EventSource(bar.dataset.wsLive).addEventListener('report', (e) => update(e.data));
}
