// The descriptor curve designer: open a bank entry, edit its seven curves, audition them through
// the current model, save them as an entry of a user bank, import and export packed banks.

import { getJson, postBytes, postJson } from './api.js';
import { AudioPlayer } from './audio-player.js';
import { CurveCanvas } from './curve-canvas.js';
import { column, DESCRIPTOR_LIMITS, DESCRIPTOR_SCALES, smooth, stretch, withColumn } from './curve-ops.js';
import { showError, showNotice } from './toast.js';

// The descriptor order is the host's (schemas/descriptor-order.json): column k of a frame is ORDER[k].
const { order: ORDER } = await getJson('/descriptor-order.json');
const UNITS = { rms: 'linear amplitude', zcr: 'ratio', rolloff: 'Hz', flatness: 'ratio', bandwidth: 'Hz', centroid: 'Hz', f0: 'Hz' };
const UNDO_DEPTH = 50;
const BLANK_FRAMES = 86;

let frames = [];
let undo = [];
let opened;
const canvases = [];

/** The axis a descriptor is drawn on: log for frequencies and flatness, else zoomed to the curve's peak. */
function displayRange(name) {
  const scale = DESCRIPTOR_SCALES[name];
  if (scale.kind === 'log') return [scale.lo, scale.hi];
  const [, hi] = DESCRIPTOR_LIMITS[name];
  const peak = Math.max(1e-3, ...column(frames, ORDER.indexOf(name)));
  return [0, Math.min(hi, niceAbove(peak * 1.2))];
}

/** The smallest of 1, 2, 5 x 10^k at or above `x`. */
function niceAbove(x) {
  const e = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * e).find((v) => v >= x * (1 - 1e-9));
}

/** Shades each curve with the range the playing model was trained on (GET /api/model). */
async function showTrainingRanges() {
  try {
    const model = await getJson('/api/model');
    for (const d of model.descriptors) {
      const k = ORDER.indexOf(d.name);
      if (k >= 0) canvases[k].setTrainingRange([d.trainMin, d.trainMax]);
    }
    document.getElementById('curves').dataset.model = model.name;
  } catch {
    // no model wired: the curves are drawn without a training range
  }
}

function buildCanvases() {
  const host = document.getElementById('curves');
  ORDER.forEach((name, k) => {
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 92;
    canvas.dataset.descriptor = name;
    canvas.dataset.testid = `curve-${name}`;
    canvas.setAttribute('aria-label', `${name} curve`);
    host.appendChild(canvas);
    canvases.push(new CurveCanvas(canvas, {
      name, unit: UNITS[name], range: displayRange(name), log: DESCRIPTOR_SCALES[name].kind === 'log',
      onEdit: (values) => {
        if (!canvas.dataset.editing) {
          pushUndo();
          canvas.dataset.editing = '1';
        }
        frames = withColumn(frames, k, values, DESCRIPTOR_LIMITS[name]);
        markEdited();
      },
    }));
    canvas.addEventListener('pointerup', () => delete canvas.dataset.editing);
  });
}

function pushUndo() {
  undo.push(frames);
  if (undo.length > UNDO_DEPTH) undo.shift();
}

function markEdited() {
  document.getElementById('frames-info').textContent = `${frames.length} frames, ${(frames.length * 512 / 22050).toFixed(2)} s${undo.length ? ' · edited' : ''}`;
  document.getElementById('curves').dataset.edited = undo.length ? 'true' : 'false';
}

function show() {
  ORDER.forEach((name, k) => {
    canvases[k].range = displayRange(name);
    canvases[k].setValues(column(frames, k));
  });
  markEdited();
}

async function refreshBanks(select) {
  const list = document.getElementById('bank-list');
  let banks;
  try {
    banks = (await getJson('/api/banks')).banks;
  } catch (err) {
    showError(err);
    return;
  }
  list.replaceChildren();
  if (!banks.length) list.innerHTML = '<li class="muted">No banks yet. Import one or save a blank curve.</li>';
  for (const bank of banks) {
    const li = document.createElement('li');
    li.dataset.bank = bank.id;
    const title = document.createElement('div');
    title.className = 'bank-name';
    title.textContent = bank.name;
    const meta = document.createElement('small');
    meta.textContent = `${bank.origin}${bank.writable ? '' : ' · read-only'} `;
    const exp = document.createElement('a');
    exp.href = `/api/banks/${encodeURIComponent(bank.id)}/export`;
    exp.textContent = '⤓';
    exp.title = `export ${bank.id}.nrbank`;
    exp.setAttribute('download', `${bank.id}.nrbank`);
    if (!bank.problem) meta.appendChild(exp);
    title.appendChild(meta);
    li.appendChild(title);
    if (bank.problem) {
      const p = document.createElement('div');
      p.className = 'problem';
      p.textContent = bank.problem;
      li.appendChild(p);
    }
    const ul = document.createElement('ul');
    for (const entry of bank.entries) {
      const item = document.createElement('li');
      const b = document.createElement('button');
      b.className = 'entry';
      b.textContent = entry;
      b.dataset.entry = entry;
      b.dataset.testid = `entry-${bank.id}-${entry}`;
      if (select && select.bankId === bank.id && select.entry === entry) b.classList.add('open');
      b.addEventListener('click', () => openEntry(bank.id, entry, b));
      item.appendChild(b);
      ul.appendChild(item);
    }
    li.appendChild(ul);
    list.appendChild(li);
  }
}

async function openEntry(bankId, entry, button) {
  try {
    const curves = await getJson(`/api/banks/${encodeURIComponent(bankId)}/entries/${encodeURIComponent(entry)}`);
    frames = curves.frames.map((r) => r.slice());
    undo = [];
    opened = { bankId, entry };
    document.querySelectorAll('.bank-list button.entry.open').forEach((b) => b.classList.remove('open'));
    button?.classList.add('open');
    document.getElementById('current').textContent = `${bankId} / ${entry}`;
    document.getElementById('save-entry').value = `${entry}-edit`;
    show();
  } catch (err) {
    showError(err);
  }
}

function blank() {
  pushUndo();
  frames = Array.from({ length: BLANK_FRAMES }, (_, t) => {
    const d = Math.exp(-t / 20);
    return [0.2 * d, 0.1, 4000, 0.1, 1500, 2000, 220];
  });
  opened = undefined;
  document.getElementById('current').textContent = 'new curve';
  show();
}

async function save() {
  const bankId = document.getElementById('save-bank').value.trim();
  const entry = document.getElementById('save-entry').value.trim();
  if (!frames.length) return showError({ code: 'DESIGNER', message: 'nothing to save: open an entry or start a blank curve' });
  try {
    const res = await postJson(`/api/banks/${encodeURIComponent(bankId)}/entries`, { entry, frames, overwrite: document.getElementById('save-overwrite').checked });
    const saved = await res.json();
    showNotice(`Saved ${saved.entry} in user bank ${saved.bankId}.`);
    await refreshBanks(saved);
  } catch (err) {
    showError(err);
  }
}

async function audition() {
  if (!frames.length) return showError({ code: 'DESIGNER', message: 'nothing to audition: open an entry or start a blank curve' });
  try {
    const res = await postJson('/api/audition', { frames, seed: Number(document.getElementById('seed').value) || 0 });
    const rate = Number(res.headers.get('x-sample-rate'));
    const samples = new Float32Array(await res.arrayBuffer());
    document.getElementById('audition').dataset.samples = String(samples.length);
    await AudioPlayer.playOnce(samples, rate);
  } catch (err) {
    showError(err);
  }
}

async function importBank(ev) {
  const file = ev.target.files[0];
  if (!file) return;
  const force = document.getElementById('import-force').checked;
  try {
    const done = await postBytes(`/api/banks/import${force ? '?force=1' : ''}`, await file.arrayBuffer());
    showNotice(`Imported bank ${done.bankId} (${done.entries} entries).`);
    await refreshBanks();
  } catch (err) {
    showError(err);
  } finally {
    ev.target.value = '';
  }
}

buildCanvases();
document.getElementById('tool').addEventListener('change', (ev) => canvases.forEach((c) => c.setMode(ev.target.value)));
document.getElementById('smooth').addEventListener('click', () => {
  if (!frames.length) return;
  pushUndo();
  const r = Number(document.getElementById('smooth-radius').value) || 3;
  ORDER.forEach((name, k) => { frames = withColumn(frames, k, smooth(column(frames, k), r), DESCRIPTOR_LIMITS[name]); });
  show();
});
document.getElementById('stretch').addEventListener('click', () => {
  const f = Number(document.getElementById('stretch-factor').value);
  if (!frames.length || !(f > 0)) return;
  pushUndo();
  frames = stretch(frames, f);
  show();
});
document.getElementById('undo').addEventListener('click', () => {
  if (!undo.length) return;
  frames = undo.pop();
  show();
});
document.getElementById('blank').addEventListener('click', blank);
document.getElementById('save').addEventListener('click', save);
document.getElementById('audition').addEventListener('click', audition);
document.getElementById('import-file').addEventListener('change', importBank);
refreshBanks();
showTrainingRanges();
