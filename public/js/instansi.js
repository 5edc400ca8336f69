// The target agency search of the report form, once JavaScript runs: matches appear as
// the citizen types (GET /instansi?q=, the address the form's script tag names), the picked agency stays on top. Without
// JavaScript the "Cari" button shows the form again with the same matches.
// Loaded on the first keystroke (see the loader, public/js/formulir.js).

const PAUSE_MS = 250;
let timer;
let latest = 0;

/** Called on every input event of the search box; `address` answers the matches. */
export function typed(input, address) {
  clearTimeout(timer);
  const mine = ++latest;
  timer = setTimeout(() => search(input, mine, address), PAUSE_MS);
}

async function search(input, mine, address) {
  const typedText = input.value.trim();
  let found = [];
  if ([...typedText].length >= 2) {
    try {
      const response = await fetch(`${address}?q=${encodeURIComponent(typedText)}`);
      if (!response.ok) return;
      // Each match is [value, label, group] (app/src/components/choice.rs).
      found = (await response.json()).map(([value, label, group]) => ({ value, label, group }));
    } catch {
      return; // Offline: keep what is shown.
    }
  }
  if (mine !== latest) return;
  const box = document.getElementById('agency-matches');
  const picked = input.form.querySelector('input[name="target_agency_id"]:checked');
  const keep = picked && picked.value ? picked.closest('.choice') : null;
  const others = found.filter((choice) => !keep || choice.value !== picked.value);
  box.replaceChildren(...(keep ? [keep] : []), ...others.map(option));
  const note = document.getElementById('agency-no-match');
  note.textContent =
    [...typedText].length >= 2 && others.length === 0 ? note.dataset.noMatch.replaceAll('{q}', typedText) : '';
}

function option(choice) {
  const row = document.createElement('div');
  row.className = 'choice';
  const radio = document.createElement('input');
  Object.assign(radio, { type: 'radio', name: 'target_agency_id', id: `agency-${choice.value}`, value: choice.value });
  const label = document.createElement('label');
  label.htmlFor = radio.id;
  label.textContent = choice.label;
  if (choice.group) {
    const sms = document.createElement('span');
    sms.className = 'hint';
    sms.textContent = `SMS: ${choice.group}`;
    label.append(' ', sms);
  }
  row.append(radio, label);
  return row;
}
