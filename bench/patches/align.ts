import { db, type EnergyEnvelope } from './energy-envelope';

export interface AlignGate {
  /** Replay time of the gate, s. */
  readonly t: number;
  /** The engine's gate-to-sound figure for it, ms. */
  readonly metricMs: number;
}

/**
 * Offsets tried, ms: the recording starts when the emulated card does, which may be some time after
 * the replay's first instant (negative), and a sound plays at most the card's buffer and a period
 * after it is handed over (about 40 ms on the virtual profile; 150 leaves room for a longer card).
 * Measured from the gates as they reached the input (metrics' gate_at_s), runs on this machine sit
 * at 18-32 ms; offsets of 250 ms and more came from a patch cable that had fallen behind, and a
 * range that reached them also reached lags aliased by a periodic patch's gates.
 */
export const ALIGN_RANGE_MS = { min: -1000, max: 150 } as const;
const MAX_GATES = 400;

/**
 * Where the replay's time falls in the recording. The WAV holds what the card played from its
 * start, so a sound handed to the driver at replay time T plays at T + (card buffer) - (card start
 * delay), both unknown here. This finds the offset (ms) that puts the most clear onsets at
 * gate + the engine's gate-to-sound figure + offset: a scan of rise strength (dB of the next 2 ms
 * over the 10 ms before, on a 1 ms grid), +-2 ms around each gate. Undefined without gates.
 */
export function alignOffsetMs(env: EnergyEnvelope, gates: readonly AlignGate[], floorRms = 2e-5): number | undefined {
  if (!gates.length) return undefined;
  const ms = env.samples(1);
  const frames = Math.floor(env.length / ms);
  const strength = new Float32Array(frames);
  const floor = floorRms ** 2;
  for (let f = 0; f < frames; f++) {
    const i = f * ms;
    const rise = db(Math.max(env.power(i, i + 2 * ms), floor) / Math.max(env.power(i - 10 * ms, i), floor));
    strength[f] = Math.min(40, Math.max(0, rise));
  }
  const step = Math.max(1, Math.ceil(gates.length / MAX_GATES));
  const used = gates.filter((_, k) => k % step === 0);
  let best = { offset: 0, score: -1 };
  for (let offset = ALIGN_RANGE_MS.min; offset <= ALIGN_RANGE_MS.max; offset++) {
    let score = 0;
    for (const g of used) {
      const f = Math.round(g.t * 1000 + g.metricMs + offset);
      let m = 0;
      for (let j = f - 2; j <= f + 2; j++) if (j >= 0 && j < frames && strength[j]! > m) m = strength[j]!;
      score += m;
    }
    if (score > best.score) best = { offset, score };
  }
  return best.offset;
}
