// Community banks in the panel: the rack's registries (saved from here), a registry's banks with
// their curves, author, licence and size, and an Install button. The module verifies and installs
// a bank exactly as `neurorack bank install ID --registry` does.

import { getJson, postJson } from './api.js';

const COLOURS = ['#e9edf2', '#7aa2ff', '#ffb23f', '#41d67a', '#c792ea', '#ff7a90', '#5ad1e0'];

const $ = (id) => document.getElementById(id);

function kb(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;
}

function status(text, tone) {
  const el = $('registry-status');
  el.textContent = text;
  el.dataset.tone = tone || '';
}

/** Draws a preview's entries side by side: each descriptor a line on its 0..1 axis. */
function drawCurves(canvas, entries) {
  const w = (canvas.width = canvas.clientWidth || 380);
  const h = (canvas.height = 64);
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, w, h);
  const slot = w / Math.max(1, entries.length);
  entries.forEach((e, k) => {
    const x0 = k * slot + 2;
    const width = slot - 4;
    for (let d = 6; d >= 0; d--) {
      g.strokeStyle = COLOURS[d];
      g.globalAlpha = d === 0 ? 1 : 0.7;
      g.beginPath();
      e.curves.forEach((f, i) => {
        const x = x0 + (i / Math.max(1, e.curves.length - 1)) * width;
        const y = h - 3 - f[d] * (h - 6);
        if (i === 0) g.moveTo(x, y);
        else g.lineTo(x, y);
      });
      g.stroke();
    }
  });
  g.globalAlpha = 1;
  canvas.dataset.drawn = String(entries.length);
}

async function loadRegistries() {
  const { registries } = await getJson('/api/registries');
  $('registries').value = registries.join('\n');
  const select = $('registry');
  select.replaceChildren(...registries.map((r) => Object.assign(document.createElement('option'), { value: r, textContent: r })));
  $('browse-registry').disabled = registries.length === 0;
  return registries;
}

async function saveRegistries() {
  const registries = $('registries').value.split('\n').map((s) => s.trim()).filter(Boolean);
  try {
    const res = await (await postJson('/api/registries', { registries })).json();
    await loadRegistries();
    status(res.saved ? 'Registries saved in the rack file.' : 'Registries set for this session (a built-in profile is not written; start with --rack FILE to keep them).', 'ok');
  } catch (err) {
    status(`${err.code}: ${err.message}`, 'error');
  }
}

async function browse() {
  const registry = $('registry').value;
  if (!registry) return;
  const list = $('registry-banks');
  list.replaceChildren();
  status('Reading the registry…');
  let banks;
  try {
    ({ banks } = await getJson(`/api/registries/banks?registry=${encodeURIComponent(registry)}`));
  } catch (err) {
    status(`${err.code}: ${err.message}`, 'error');
    return;
  }
  status(`${banks.length} bank${banks.length === 1 ? '' : 's'} in this registry`);
  for (const b of banks) list.appendChild(bankItem(registry, b));
  // Curves one bank after another: each preview is a download the module checks first.
  for (const li of list.children) {
    try {
      const p = await getJson(`/api/registries/preview?registry=${encodeURIComponent(registry)}&bank=${encodeURIComponent(li.dataset.bank)}`);
      drawCurves(li.querySelector('canvas'), p.entries);
    } catch (err) {
      li.querySelector('.install-state').textContent = `no preview: ${err.code}`;
    }
  }
}

function bankItem(registry, b) {
  const li = document.createElement('li');
  li.dataset.bank = b.id;
  li.dataset.testid = `registry-bank-${b.id}`;
  const title = document.createElement('strong');
  title.textContent = `${b.name} `;
  const version = Object.assign(document.createElement('span'), { className: 'muted', textContent: `${b.id} ${b.version}` });
  const meta = Object.assign(document.createElement('div'), { className: 'meta muted' });
  meta.textContent = `${b.author || 'unknown author'} · ${b.licence} · ${b.entries} entries · ${kb(b.size)}`;
  meta.dataset.testid = 'meta';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-label', `${b.name} curves`);
  const button = Object.assign(document.createElement('button'), { textContent: 'Install' });
  button.dataset.testid = `install-${b.id}`;
  const state = Object.assign(document.createElement('span'), { className: 'install-state muted' });
  state.dataset.testid = `install-state-${b.id}`;
  button.addEventListener('click', () => install(registry, b.id, button, state));
  li.append(title, version, meta, canvas, button, ' ', state);
  return li;
}

async function install(registry, bank, button, state) {
  button.disabled = true;
  state.dataset.state = 'installing';
  state.textContent = 'Installing…';
  const poll = setInterval(async () => {
    try {
      const { progress } = await getJson('/api/registries');
      if (progress && progress.bankId === bank && state.dataset.state === 'installing') state.textContent = `${progress.phase} ${Math.round(progress.fraction * 100)}%`;
    } catch {
      // the answer to the install says how it ended
    }
  }, 250);
  try {
    const done = await (await postJson('/api/registries/install', { registry, bank })).json();
    state.dataset.state = 'done';
    state.textContent = `Installed ✓ (${done.entries} entries)`;
  } catch (err) {
    state.dataset.state = 'failed';
    state.dataset.code = err.code;
    state.textContent = `${err.code}: ${err.message}`;
    button.disabled = false;
  } finally {
    clearInterval(poll);
  }
}

$('save-registries').addEventListener('click', saveRegistries);
$('browse-registry').addEventListener('click', browse);
loadRegistries().catch((err) => status(err.code === 'NR_WEB_HOST_NOT_WIRED' ? 'This host offers no community banks.' : `${err.code}: ${err.message}`, 'error'));
