// The virtual module's panel: every control becomes a replay-style event sent over the websocket
// and enters the host at the emulated chips; the screen, CV readouts, gate LEDs and audio come
// back from the host.

import { getJson } from './api.js';
import { AudioPlayer } from './audio-player.js';
import { bindEncoder, bindMomentary } from './encoder.js';
import { Knob } from './knob.js';
import { LiveSocket } from './live-socket.js';
import { Modulator, MOD_TICK_MS } from './modulators.js';
import { Scope } from './scope.js';
import { ScreenView } from './screen-view.js';
import { showError, showNotice } from './toast.js';

const CV_SEND_MIN_STEP = 0.005;

const screen = new ScreenView(document.getElementById('screen'));
const scope = new Scope(document.getElementById('scope'));
const audioStats = document.getElementById('audio-stats');
let player;
let audioChunks = 0;
let audioPeak = 0;

const socket = new LiveSocket({
  onStatus: (s) => {
    const el = document.getElementById('connection');
    el.textContent = s;
    el.dataset.state = s;
    // Without the module the controls would send nothing: they are shown off, not just a grey pill.
    document.body.dataset.connection = s;
    document.getElementById('offline').hidden = s === 'connected';
    if (s !== 'connected') {
      // The host may have restarted meanwhile: on reconnection every knob is drawn at its reading again.
      synced = false;
      for (const state of jacks.values()) state.touched = false;
    }
  },
  onScreen: (png) => screen.show(png),
  onAudio: (chunk) => {
    audioChunks++;
    let peak = 0;
    for (let i = 0; i < chunk.length; i++) peak = Math.max(peak, Math.abs(chunk[i]));
    audioPeak = Math.max(audioPeak, peak);
    audioStats.dataset.chunks = String(audioChunks);
    audioStats.dataset.peak = audioPeak.toFixed(4);
    audioStats.textContent = `${audioChunks} chunks received, peak ${audioPeak.toFixed(3)}${player && player.underruns ? `, ${player.underruns} underruns` : ''}`;
    scope.push(chunk);
    player?.push(chunk);
  },
  onMessage: (msg) => {
    if (msg.type === 'hello') setup(msg.info);
    else if (msg.type === 'state') showState(msg);
    else if (msg.type === 'error') showError(msg.error);
  },
});

const jacks = new Map();
let ready = false;
/** Whether the knobs were set from the host's readings since the socket (re)connected. */
let synced = false;
/** Per gate, the rising edges the host had counted at the last state message. */
const gateRises = new Map();
const GATE_FLASH_MS = 120;

function setup(info) {
  document.getElementById('model-name').textContent = info.model ? `model: ${info.model}` : '';
  document.getElementById('start-audio').dataset.rate = String(info.audioRate);
  if (ready) return;
  ready = true;
  const knobs = document.getElementById('knobs');
  const mods = document.querySelector('#mods tbody');
  for (const j of info.cvJacks) {
    const cell = document.createElement('div');
    cell.className = 'knob-cell';
    cell.innerHTML = `<span class="label">CV${j.jack}</span><output class="readout" data-testid="cv-readout-${j.jack}" id="cv-readout-${j.jack}">–</output><span class="jack"></span>`;
    knobs.appendChild(cell);
    const modulator = new Modulator();
    const state = { jack: j.jack, min: j.min, max: j.max, modulator, sent: undefined, knob: undefined, touched: false };
    state.knob = new Knob(cell, { label: `CV ${j.jack} (volts)`, min: j.min, max: j.max, value: 0, onChange: () => {
      state.touched = true;
      sendCv(state, performance.now());
    } });
    state.knob.el.dataset.testid = `knob-${j.jack}`;
    cell.insertBefore(state.knob.el, cell.children[1]);
    jacks.set(j.jack, state);
    mods.appendChild(modRow(state));
  }
  setInterval(tickModulation, MOD_TICK_MS);
}

function modRow(state) {
  const tr = document.createElement('tr');
  tr.innerHTML = `<td>CV${state.jack}</td>
    <td><select data-k="mode"><option value="off">none</option><option value="lfo">LFO</option><option value="env">envelope</option></select></td>
    <td><select data-k="shape"><option>sine</option><option>triangle</option><option>square</option></select></td>
    <td><input data-k="rateHz" type="number" min="0.01" max="40" step="0.01" value="${state.modulator.rateHz}"></td>
    <td><input data-k="depth" type="number" min="0" max="${state.max - state.min}" step="0.1" value="${state.modulator.depth}"></td>`;
  tr.querySelectorAll('[data-k]').forEach((input) => input.addEventListener('change', () => {
    const k = input.dataset.k;
    state.modulator[k] = input.type === 'number' ? Number(input.value) : input.value;
    if (k === 'mode' && input.value === 'off') state.knob.showModulated(undefined);
    sendCv(state, performance.now());
  }));
  return tr;
}

function volts(state, now) {
  const v = state.knob.value + state.modulator.offset(now);
  return Math.min(state.max, Math.max(state.min, v));
}

function sendCv(state, now) {
  const v = Number(volts(state, now).toFixed(3));
  if (state.sent !== undefined && Math.abs(v - state.sent) < CV_SEND_MIN_STEP) return;
  state.sent = v;
  socket.control({ type: 'cv', jack: state.jack, volts: v });
}

function tickModulation() {
  const now = performance.now();
  for (const state of jacks.values()) {
    if (state.modulator.mode === 'off') continue;
    state.knob.showModulated(volts(state, now));
    sendCv(state, now);
  }
}

/**
 * After a (re)connection the knobs are set to what the host reads, without sending anything, so
 * a page reload does not draw them at 0 V and the first touch starts from the jack's voltage.
 * A knob the performer already turned, or one under modulation, keeps its own value.
 */
function syncKnobs(msg) {
  if (synced || !ready) return;
  synced = true;
  for (const cv of msg.cv) {
    const state = jacks.get(cv.jack);
    if (!state || state.touched || state.modulator.mode !== 'off') continue;
    state.knob.set(cv.volts, false);
    state.sent = Number(cv.volts.toFixed(3));
  }
}

function showGate(g) {
  const led = document.getElementById(`gate-led-${g.jack}`);
  if (!led) return;
  const rises = g.rises ?? 0;
  const seen = gateRises.get(g.jack);
  gateRises.set(g.jack, rises);
  led.high = g.high;
  // A gate that rose since the last message lights for at least GATE_FLASH_MS, even if it is low again.
  if (seen !== undefined && rises > seen) {
    led.dataset.flashes = String(Number(led.dataset.flashes || 0) + rises - seen);
    clearTimeout(led.flashTimer);
    const light = () => {
      led.blinking = false;
      led.classList.add('on');
      led.flashUntil = performance.now() + GATE_FLASH_MS;
      led.flashTimer = setTimeout(() => led.classList.toggle('on', led.high), GATE_FLASH_MS);
    };
    // A new rise while the LED is still lit from the one before (a message that came late on a busy
    // machine, or quick presses) blinks it off for a frame, so every press shows.
    if (led.classList.contains('on')) {
      led.classList.remove('on');
      led.blinking = true;
      requestAnimationFrame(light);
    } else {
      light();
    }
    return;
  }
  if (led.blinking) return;
  if (g.high || !(led.flashUntil > performance.now())) led.classList.toggle('on', g.high);
}

function showState(msg) {
  syncKnobs(msg);
  for (const cv of msg.cv) {
    const el = document.getElementById(`cv-readout-${cv.jack}`);
    if (el) {
      const v = Math.abs(cv.volts) < 0.005 ? 0 : cv.volts;
      el.textContent = `${v >= 0 ? '+' : ''}${v.toFixed(2)} V`;
      el.dataset.volts = cv.volts.toFixed(3);
      el.classList.toggle('stale', !cv.fresh);
    }
  }
  for (const g of msg.gates) showGate(g);
  showFollow(msg.follow);
}

/** The follow meter: how closely the last render followed its curves (the module measures it after each render). */
function showFollow(follow) {
  const el = document.getElementById('follow');
  if (!follow || follow.r === null) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.textContent = `follow r ${follow.r.toFixed(2)}${follow.worst && follow.worst.r < 0.8 ? ` · ${follow.worst.name} ${follow.worst.r.toFixed(2)}` : ''}`;
  el.dataset.r = String(follow.r);
  el.dataset.version = String(follow.version);
  el.dataset.tone = follow.r >= 0.8 ? 'ok' : follow.r >= 0.5 ? 'warn' : 'error';
}

function gate(jack, high) {
  socket.control({ type: 'gate', jack, state: high ? 'high' : 'low' });
  if (high && jack === 1) for (const s of jacks.values()) if (s.modulator.mode === 'env') s.modulator.trigger(performance.now());
}

document.querySelectorAll('.gate').forEach((g) => {
  const jack = Number(g.dataset.jack);
  bindMomentary(g.querySelector('button'), (on) => gate(jack, on));
});
bindMomentary(document.getElementById('push-button'), (on) => socket.control({ type: 'button', state: on ? 'down' : 'up' }));
bindEncoder(document.getElementById('encoder'), {
  turn: (delta) => socket.control({ type: 'encoder', delta }),
  press: (state) => socket.control({ type: 'button', state }),
});

let clockTimer;
function restartClock() {
  clearInterval(clockTimer);
  if (!document.getElementById('clock-on').checked) return;
  const bpm = Math.min(600, Math.max(20, Number(document.getElementById('clock-bpm').value) || 120));
  const periodMs = 60000 / bpm;
  const highMs = Math.min(periodMs / 2, 100);
  clockTimer = setInterval(() => {
    gate(1, true);
    setTimeout(() => gate(1, false), highMs);
  }, periodMs);
}
document.getElementById('clock-on').addEventListener('change', restartClock);
document.getElementById('clock-bpm').addEventListener('change', restartClock);

document.getElementById('start-audio').addEventListener('click', async (ev) => {
  const button = ev.currentTarget;
  socket.subscribeAudio(true);
  button.disabled = true;
  try {
    const info = await getJson('/api/info');
    player = new AudioPlayer(info.audioRate);
    await player.start();
    player.setVolume(Number(document.getElementById('volume').value));
    button.textContent = '♪ Audio on';
    button.dataset.state = 'playing';
  } catch (err) {
    button.dataset.state = 'failed';
    showError({ code: 'AUDIO', message: `the browser could not start audio (${err.message}); the scope still shows the output` });
  }
});
document.getElementById('volume').addEventListener('input', (ev) => player?.setVolume(Number(ev.target.value)));

socket.connect();
showNotice('Panel ready: turn the knobs, press G1, click "Start audio".');
