// Keeps an open tracking page current: when the server says the report changed
// (server-sent events at the marker's data-live-stream, GET /lacak/{number}/langsung), the page is fetched again and every
// element marked data-live="NAME" takes the content of its namesake in the new page. A
// part the reader is using (focus inside, or text typed into it) is left alone until the
// next update. Without JavaScript a reload shows the news.

const COOLDOWN_MS = 500;

// Forms marked data-whole-page (the demo's role switch into the workspace) load a whole
// page, so the workspace's script runs: stopping the event here keeps it from the islands
// router's listener on window.
document.addEventListener('submit', (event) => {
  if (event.target instanceof HTMLFormElement && event.target.hasAttribute('data-whole-page')) {
    event.stopPropagation();
  }
});
const marker = document.querySelector('[data-live-page]');
if (marker && 'EventSource' in window) {
  const page = marker.dataset.livePage;
  let busy = false;
  let again = false;
  const refresh = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const response = await fetch(page, { headers: { Accept: 'text/html' } });
      if (response.ok) swap(new DOMParser().parseFromString(await response.text(), 'text/html'));
    } catch {
      /* offline: the next update tries again */
    }
    setTimeout(() => {
      busy = false;
      if (again) {
        again = false;
        refresh();
      }
    }, COOLDOWN_MS);
  };
  new EventSource(marker.dataset.liveStream).addEventListener('update', refresh);
}

function swap(fresh) {
  for (const part of fresh.querySelectorAll('[data-live]')) {
    const current = document.querySelector(`[data-live="${part.dataset.live}"]`);
    if (!current || current.innerHTML === part.innerHTML || inUse(current)) continue;
    current.innerHTML = part.innerHTML;
  }
}

function inUse(part) {
  const typed = [...part.querySelectorAll('textarea')].some((field) => field.value !== '');
  return part.contains(document.activeElement) || typed;
}
