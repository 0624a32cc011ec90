import { DESCRIPTOR_ORDER } from '../descriptors/descriptor-matrix';
import type { HostView } from './host-view';

const DESCRIPTORS: readonly string[] = DESCRIPTOR_ORDER;

/** Deterministic curves shaped like an impact: fast attack, decays at different rates per descriptor. */
function impactCurves(frames: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < frames; i++) {
    const t = i / (frames - 1);
    const env = Math.min(1, t * 12) * Math.exp(-4 * t);
    out.push(DESCRIPTORS.map((_, d) => {
      const wobble = 0.08 * Math.sin(t * (6 + d * 3) + d);
      const v = d === 0 ? env : 0.15 + 0.6 * Math.exp(-(2 + d) * t) + wobble;
      return Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
    }));
  }
  return out;
}

/**
 * A plausible running module: the state the screenshots, goldens and `neurorack screenshot` use
 * when no `--state` file is given. Plain data, so tests may copy and change it.
 */
export function sampleHostView(): HostView {
  return {
    phase: 'ready',
    boot: { progress: 0.6, step: 'Loading model darbuka-v2' },
    model: { id: 'darbuka-v2', name: 'Darbuka v2', loadingId: null },
    models: [
      { id: 'darbuka-v2', name: 'Darbuka v2', source: 'builtin', status: 'ready', rtf: 0.18 },
      { id: 'metal-plates', name: 'Metal plates', source: 'builtin', status: 'available', rtf: 0.22 },
      { id: 'original-ddsp', name: 'Original DDSP', source: 'imported', status: 'available', rtf: null },
      { id: 'broken-net', name: 'Broken net', source: 'imported', status: 'error', rtf: null, error: 'sha256 mismatch' },
    ],
    bank: { id: 'percussion', entryA: 'snare-tight', entryB: 'tom-low', bankA: 'percussion', bankB: 'percussion', preview: null },
    banks: [
      { id: 'percussion', name: 'Percussion', entries: ['snare-tight', 'snare-loose', 'tom-low', 'tom-high', 'rim', 'clap'] },
      { id: 'metals', name: 'Metals', entries: ['bell', 'plate', 'gong'] },
    ],
    community: { registries: [], network: false, listing: null, progress: null },
    cvs: [
      { jack: 1, volts: 2.5, mapping: 'Interpolate', normalised: 0.75 },
      { jack: 2, volts: -1.2, mapping: 'Scrub', normalised: 0.38 },
      { jack: 3, volts: 0, mapping: 'Transient', normalised: 0.5 },
      { jack: 4, volts: 4.1, mapping: 'Variation', normalised: 0.91 },
    ],
    gates: [
      { jack: 1, high: true, lastEdgeMs: 1000, mode: 'trigger' },
      { jack: 2, high: false, lastEdgeMs: null, mode: 'loop' },
    ],
    curves: { names: DESCRIPTORS, frames: impactCurves(64), playhead: 0.3, outside: [] },
    follow: { r: 0.91, worst: { name: 'flatness', r: 0.74 }, version: 12 },
    output: { levelDb: -14, peakDb: -6, clipping: false },
    params: [
      { id: 'volume', name: 'Volume', value: 0.8, min: 0, max: 1, step: 0.01, unit: '' },
      { id: 'polyphony', name: 'Polyphony', value: 2, min: 1, max: 8, step: 1, unit: 'voices' },
      { id: 'block-size', name: 'Block size', value: 128, min: 64, max: 512, step: 64, unit: 'frames', choices: [64, 128, 256, 512] },
      { id: 'variation/depth', name: 'Variation depth', value: 0.3, min: 0, max: 1, step: 0.01, unit: '' },
    ],
    assignments: {
      cv: ['interpolate', 'scrub', 'transient', 'variation'],
      gate: ['trigger', 'loop'],
      mappings: [
        { id: 'interpolate', name: 'Interpolate' },
        { id: 'scrub', name: 'Scrub' },
        { id: 'transient', name: 'Transient' },
        { id: 'variation', name: 'Variation' },
        { id: 'cv-curve', name: 'CV curve' },
      ],
    },
    calibration: {
      jacks: [1, 2, 3, 4].map((jack) => ({ jack, range: 'bipolar-5v' as const, offset: 0, gain: 1 })),
    },
    stats: { cpuPercent: 37.5, memoryMb: 182, temperatureC: 48.2, xruns: 0, inferenceMs: 4.2, deadlineMisses: 0, uptimeS: 3725, missedTasks: [] },
    about: { hostVersion: '0.1.0', profile: 'virtual', board: 'virtual', plugins: 9, address: 'http://127.0.0.1:8787' },
    toasts: [],
  };
}
