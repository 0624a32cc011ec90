// The model card of the panel: every installed model (the playing one marked), Play to switch (the
// current one plays until the new one is ready, then crossfades), and for a model with a latent
// (FRAVE) its timbres. The same requests as the module's Models page. A .nrmodel file chosen here is
// uploaded and installed as `neurorack model install` does; the list then shows it.

import { getJson, postBytes, postJson } from './api.js';

const $ = (id) => document.getElementById(id);

function status(text, tone) {
  const el = $('models-status');
  el.textContent = text;
  el.dataset.tone = tone || '';
}

function fill(select, values, selected, label) {
  select.replaceChildren(...values.map((v) => Object.assign(document.createElement('option'), { value: v.value, textContent: label(v) })));
  if (selected !== null && selected !== undefined) select.value = selected;
}

async function refresh() {
  const m = await getJson('/api/models');
  fill($('model-select'), m.models.map((x) => ({ value: x.id, x })), m.loading ?? m.playing, ({ x }) =>
    `${x.name}${x.id === m.playing ? ' (playing)' : ''}${x.id === m.loading ? ' (loading…)' : ''}${x.rtf !== null ? ` · RTF ${x.rtf.toFixed(3)}` : ''}`);
  const timbres = $('timbre-select');
  fill(timbres, m.timbres.map((t) => ({ value: t })), m.timbre, ({ value }) => value);
  timbres.disabled = m.timbres.length === 0;
  $('timbre-row').hidden = m.timbres.length === 0;
  $('models').dataset.playing = m.playing ?? '';
  $('models').dataset.timbre = m.timbre ?? '';
  $('models').dataset.loading = m.loading ?? '';
  return m;
}

async function act(request, busyText) {
  status(busyText);
  try {
    await request();
    const m = await refresh();
    status(m.loading ? `loading ${m.loading}… (${m.playing} plays meanwhile)` : '', 'ok');
    if (m.loading) setTimeout(poll, 500);
  } catch (err) {
    status(`${err.code}: ${err.message}`, 'error');
  }
}

async function poll() {
  const m = await refresh().catch(() => undefined);
  if (m && m.loading) setTimeout(poll, 500);
  else if (m) status('', 'ok');
}

async function install(ev) {
  const file = ev.target.files[0];
  if (!file) return;
  const force = $('model-force').checked;
  status(`installing ${file.name}…`);
  try {
    const done = await postBytes(`/api/models/install${force ? '?force=1' : ''}`, await file.arrayBuffer(), 'application/x-nrmodel');
    await refresh();
    status(`installed ${done.id} (runtime ${done.runtime})${done.reloaded ? ', now playing its new copy' : ''}`, 'ok');
  } catch (err) {
    status(`${err.code}: ${err.message}`, 'error');
  } finally {
    ev.target.value = '';
  }
}

$('model-file').addEventListener('change', install);
// A model installed from a registry (model-registry.js): list it at once.
document.addEventListener('neurorack:models-changed', () => refresh().catch(() => undefined));
$('model-play').addEventListener('click', () => act(() => postJson('/api/models/select', { id: $('model-select').value }), 'switching…'));
$('timbre-select').addEventListener('change', () => act(() => postJson('/api/models/timbre', { name: $('timbre-select').value }), 'changing timbre…'));
refresh().catch((err) => status(`${err.code}: ${err.message}`, 'error'));
