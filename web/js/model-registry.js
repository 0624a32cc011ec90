// Community models in the panel: the rack's model registries (saved from here), a registry's models
// with their id, version, runtime and size and whether they are installed, and an Install button.
// The module verifies and installs a model exactly as `neurorack model install ID --registry URL`
// does; the Model card then lists it (and a model playing that it replaced plays its new copy).

import { getJson, postJson } from './api.js';

const $ = (id) => document.getElementById(id);

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function status(text, tone) {
  const el = $('model-registry-status');
  el.textContent = text;
  el.dataset.tone = tone || '';
}

async function loadRegistries() {
  const { registries } = await getJson('/api/models/registries');
  $('model-registries').value = registries.join('\n');
  $('model-registry').replaceChildren(...registries.map((r) => Object.assign(document.createElement('option'), { value: r, textContent: r })));
  $('browse-model-registry').disabled = registries.length === 0;
  return registries;
}

async function saveRegistries() {
  const registries = $('model-registries').value.split('\n').map((s) => s.trim()).filter(Boolean);
  try {
    const res = await (await postJson('/api/models/registries', { registries })).json();
    await loadRegistries();
    status(res.saved ? 'Registries saved in the rack file.' : 'Registries set for this session (a built-in profile is not written; start with --rack FILE to keep them).', 'ok');
  } catch (err) {
    status(`${err.code}: ${err.message}`, 'error');
  }
}

async function browse() {
  const registry = $('model-registry').value;
  if (!registry) return;
  const list = $('registry-models');
  list.replaceChildren();
  status('Reading the registry…');
  try {
    const { models } = await getJson(`/api/models/registry?registry=${encodeURIComponent(registry)}`);
    status(`${models.length} model${models.length === 1 ? '' : 's'} in this registry`, 'ok');
    for (const m of models) list.appendChild(modelItem(registry, m));
  } catch (err) {
    status(`${err.code}: ${err.message}`, 'error');
  }
}

function modelItem(registry, m) {
  const li = document.createElement('li');
  li.dataset.model = m.id;
  li.dataset.testid = `registry-model-${m.id}`;
  const title = Object.assign(document.createElement('strong'), { textContent: `${m.name} ` });
  const version = Object.assign(document.createElement('span'), { className: 'muted', textContent: `${m.id} ${m.version}` });
  const meta = Object.assign(document.createElement('div'), { className: 'meta muted' });
  meta.textContent = `runtime ${m.runtime}${m.runtimeAvailable ? '' : ' (not on this module)'} · ${size(m.size)} · ${m.author || 'unknown author'}${m.licence ? ` · ${m.licence}` : ''}`;
  meta.dataset.testid = 'meta';
  const button = Object.assign(document.createElement('button'), { textContent: m.installed ? 'Replace' : 'Install' });
  button.dataset.testid = `install-model-${m.id}`;
  const state = Object.assign(document.createElement('span'), { className: 'install-state muted', textContent: m.installed ? 'installed' : '' });
  state.dataset.testid = `install-model-state-${m.id}`;
  state.dataset.state = m.installed ? 'installed' : '';
  // Replacing an installed model is asked for explicitly (the Model card's "replace" box), as `--force` is.
  button.addEventListener('click', () => install(registry, m.id, button, state));
  li.append(title, version, meta, button, ' ', state);
  return li;
}

async function install(registry, id, button, state) {
  button.disabled = true;
  state.dataset.state = 'installing';
  state.textContent = 'Installing… (downloaded, checked and loaded once before it is moved into place)';
  try {
    const done = await (await postJson('/api/models/registry/install', { registry, id, force: $('model-force').checked })).json();
    state.dataset.state = 'done';
    state.textContent = done.reloaded ? 'Installed ✓ (now playing the new copy)' : 'Installed ✓';
    button.textContent = 'Replace';
    document.dispatchEvent(new CustomEvent('neurorack:models-changed'));
  } catch (err) {
    state.dataset.state = 'failed';
    state.dataset.code = err.code;
    state.textContent = err.code === 'NR_MODEL_EXISTS' ? `${err.code}: ${err.message} (tick "replace a model with the same id" in the Model card)` : `${err.code}: ${err.message}`;
  } finally {
    button.disabled = false;
  }
}

$('save-model-registries').addEventListener('click', saveRegistries);
$('browse-model-registry').addEventListener('click', browse);
loadRegistries().catch((err) => status(err.code === 'NR_WEB_HOST_NOT_WIRED' ? 'This host offers no model registries.' : `${err.code}: ${err.message}`, 'error'));
