import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRack } from '../../../../core/config/load-rack';
import { Ads1x15CvAdc } from '../../../../core/devices/cv-adc/ads1x15-cv-adc';
import { Ads1x15Emulator } from '../../../../core/devices/cv-adc/ads1x15-emulator';
import { EmulatedI2cBus } from '../../../../core/devices/i2c/emulated-i2c-bus';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { SchemaRegistry } from '../../../../core/schemas/schema-registry';
import { createHostAdapter } from '../../../../core/web/host-adapter';
import type { BankFolders } from '../../../../core/web/web-banks';
import type { ControlEvent, WebHost } from '../../../../core/web/web-host';
import { drawTestScreen, type TestScreenState } from './test-screen';

export const BENCH_MENU = ['Models', 'Banks', 'Parameters', 'Assignment', 'Stats'] as const;
const AUDIO_BLOCK = 512;
export const BENCH_TRAIN_RANGES = [
  { name: 'rms', unit: 'linear amplitude', trainMin: 0, trainMax: 0.264 },
  { name: 'zcr', unit: 'crossings per sample', trainMin: 0, trainMax: 0.475 },
  { name: 'rolloff', unit: 'Hz', trainMin: 0, trainMax: 11393 },
  { name: 'flatness', unit: 'ratio', trainMin: 0, trainMax: 0.315 },
  { name: 'bandwidth', unit: 'Hz', trainMin: 0, trainMax: 4257 },
  { name: 'centroid', unit: 'Hz', trainMin: 0, trainMax: 6522 },
  { name: 'f0', unit: 'Hz', trainMin: 0, trainMax: 2952 },
];

export interface BenchHost {
  readonly host: WebHost;
  readonly screenState: TestScreenState;
  readonly events: ControlEvent[];
  readonly banks: BankFolders;
  /** How many times the web server read the screen (it polls only while someone watches). */
  readonly screenReads: number;
  close(): Promise<void>;
}

/**
 * A host for the web tests built from the real pieces that exist: the virtual rack, the ADS1015
 * emulators on an emulated I2C bus read by the real CV driver (so a knob goes through the chip and
 * back), the bank tools over temporary folders, and the real host adapter. The pieces other issues
 * own and that are not wired here yet are stood in for: the screen pages (drawTestScreen), the
 * engine's audio (a decaying tone on gate 1 at the output rate) and the model (a tone shaped by
 * the curve's rms and f0).
 */
export async function startBenchHost(options: { banks?: BankFolders } = {}): Promise<BenchHost> {
  const rack = loadRack({ profile: 'virtual' }, new SchemaRegistry()).config;
  const clock = new MonotonicClock();
  const bus = new EmulatedI2cBus(1);
  const chips = new Map<number, Ads1x15Emulator>();
  for (const chip of rack.devices.cvAdc.chips) {
    const emulator = new Ads1x15Emulator(clock, { variant: chip.variant });
    chips.set(chip.address, emulator);
    bus.attach(chip.address, emulator);
  }
  for (const jack of rack.devices.cvAdc.jacks) chips.get(jack.chip)!.setJackVolts(jack.channel, 0); // unpatched: 0 V
  const cvAdc = new Ads1x15CvAdc({ config: rack.devices.cvAdc, bus, clock, binding: 'emulated' });
  await cvAdc.open();
  cvAdc.start();

  const events: ControlEvent[] = [];
  const gates = new Map<number, boolean>();
  const edgeListeners = new Set<(e: { jack: number; edge: 'rising' | 'falling' }) => void>();
  const screenState: TestScreenState = { cv: [0, 0, 0, 0], gates: [false, false], menu: BENCH_MENU, cursor: 0, pairingAlerts: [] };
  let gateAt = -Infinity;
  let t = 0;
  const rate = rack.devices.audioOut.sampleRate;

  const panel = {
    apply(event: ControlEvent): void {
      events.push(event);
      if (event.type === 'cv') {
        const jack = rack.devices.cvAdc.jacks.find((j) => j.jack === event.jack)!;
        chips.get(jack.chip)!.setJackVolts(jack.channel, event.volts);
      } else if (event.type === 'gate') {
        if (event.state === 'high' && !gates.get(event.jack) && event.jack === 1) gateAt = t;
        const was = !!gates.get(event.jack);
        gates.set(event.jack, event.state === 'high');
        if (was !== (event.state === 'high')) for (const l of edgeListeners) l({ jack: event.jack, edge: event.state === 'high' ? 'rising' : 'falling' });
      } else if (event.type === 'encoder') {
        screenState.cursor = Math.max(0, Math.min(BENCH_MENU.length - 1, screenState.cursor + event.delta));
      } else if (event.type === 'button' && event.state === 'down') {
        screenState.entered = BENCH_MENU[screenState.cursor];
      }
    },
  };

  let rgba = drawTestScreen(screenState);
  let screenReads = 0;
  const screenTimer = setInterval(() => {
    screenState.cv = cvAdc.latest().jacks.map((j) => j.volts);
    screenState.gates = [!!gates.get(1), !!gates.get(2)];
    rgba = drawTestScreen(screenState);
  }, 50);

  const audioListeners = new Set<(block: Float32Array) => void>();
  const audioTimer = setInterval(() => {
    // about real time: one timer tick covers 20 ms of output
    const blocks = Math.round((rate * 0.02) / AUDIO_BLOCK);
    for (let b = 0; b < blocks; b++) {
      const block = new Float32Array(AUDIO_BLOCK);
      for (let i = 0; i < AUDIO_BLOCK; i++, t++) {
        const since = (t - gateAt) / rate;
        block[i] = since >= 0 && since < 2 ? 0.5 * Math.exp(-since * 3) * Math.sin(2 * Math.PI * 220 * since) : 0;
      }
      for (const l of audioListeners) l(block);
    }
  }, 20);

  const banks = options.banks ?? { shipped: mkdtempSync(join(tmpdir(), 'nr-web-shipped-')), user: mkdtempSync(join(tmpdir(), 'nr-web-user-')) };
  const host = createHostAdapter({
    rack,
    panel,
    cvAdc,
    gates: { isHigh: (jack) => !!gates.get(jack), onEdge: (l) => (edgeListeners.add(l), () => void edgeListeners.delete(l)) },
    screen: { readRgba: () => (screenReads++, rgba) },
    audio: { onBlock: (l) => (audioListeners.add(l), () => audioListeners.delete(l)) },
    model: {
      name: 'bench tone',
      sampleRate: 22050,
      // the shipped model's training ranges (models/sinc-nsf-impacts-v1/manifest.json), rounded
      info: () => ({ name: 'bench tone', descriptors: BENCH_TRAIN_RANGES }),
      async render(frames) {
        const out = new Float32Array(frames.length * 512);
        let phase = 0;
        for (let i = 0; i < out.length; i++) {
          const f = frames[Math.floor(i / 512)]!;
          phase += (2 * Math.PI * Math.max(50, f[6]!)) / 22050;
          out[i] = Math.min(1, f[0]! * 4) * Math.sin(phase);
        }
        return out;
      },
    },
    banks,
    showPairingCode: (code) => {
      screenState.pairingCode = code;
    },
    showPairingAlert: (text) => {
      screenState.pairingAlerts.push(text);
    },
  });

  return {
    host,
    screenState,
    events,
    banks,
    get screenReads() {
      return screenReads;
    },
    async close() {
      clearInterval(screenTimer);
      clearInterval(audioTimer);
      cvAdc.stop();
      await cvAdc.close();
    },
  };
}
