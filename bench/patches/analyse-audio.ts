import { percentile } from '../../core/engine/replay/replay-metrics';
import { alignOffsetMs } from './align';
import { findDropouts } from './dropouts';
import { EnergyEnvelope } from './energy-envelope';
import { classifyAt, EARLY_WINDOW_MS, MAIN_WINDOW_MS, rightSoundIndex, type EntryReferences, type Heard } from './entry-classifier';
import type { GateStep } from './gate-steps';
import { detectOnset } from './onset';
import type { Entry } from './patch';

/** Longest gate-to-sound the onset search looks for, ms. */
export const MAX_LAG_MS = 150;
/** Onsets within this of the coarse alignment refine it. */
const ALIGN_WINDOW_MS = 15;
/**
 * With fewer onsets than this to align on, or fewer than half of the onsets found, the recording is
 * not aligned: its gate-to-sound figures are left out and no gate is judged stale from it (an
 * offset that settled on a spurious lag judged 29 of 30 attacks in the wrong place).
 */
export const MIN_ALIGNED_ONSETS = 5;

export interface GateAudio {
  readonly t: number;
  readonly jack: number;
  readonly stepped: boolean;
  /** How long before the gate CV1 last changed, s. */
  readonly cv1AgeS: number;
  /** The engine's figure (metrics' gate_to_sound_ms, matched in order). */
  readonly metricMs?: number;
  /** Onset found in the recording: its sample index, gate-to-sound from the audio (ms) and the rise that found it (dB). */
  readonly onsetIndex?: number;
  readonly audioMs?: number;
  readonly riseDb?: number;
  /** Stale family: the entry the gate's step holds, what the first 30 ms and the first 10 ms sound like, and when the right entry was heard. */
  readonly expected?: Entry;
  readonly heard?: Heard;
  readonly early?: Heard;
  readonly rightMs?: number;
  readonly stale?: boolean;
}

export interface AudioAnalysis {
  /** Replay time -> recording time, ms: (card buffer) - (card start delay); see align.ts. */
  readonly offsetMs?: number;
  /** Clear onsets the offset was refined on (see MIN_ALIGNED_ONSETS). */
  readonly alignedOn?: number;
  /** Onsets found near their gates with an engine figure to compare (aligned or not). */
  readonly onsetsFound?: number;
  /** Enough of the onsets found agree on the offset (see MIN_ALIGNED_ONSETS): timings and stale judgements read from the recording. */
  readonly aligned: boolean;
  /** Sound cut off by digital silence (dropouts.ts): how many, how long in all (ms), and where (recording time, s). */
  readonly dropouts: { readonly count: number; readonly totalMs: number; readonly atS: readonly number[] };
  readonly gates: readonly GateAudio[];
}

export interface AnalyseInput {
  /** One channel of the recording. */
  readonly x: Float32Array;
  readonly sampleRate: number;
  readonly gates: readonly GateStep[];
  /** Metrics' gate_to_sound_ms: one per gate in order, as far as the probe resolved them. */
  readonly metricMs: readonly number[];
  /**
   * Metrics' gate_at_s: when each gate really reached the input (s from the replay's start), in
   * order. A realtime patch cable that fell behind plays the rest of the patch late (a loaded run
   * drifted 0.38 s in 10 s), so replay times alone put no offset on every gate; without it (or past
   * its end), a gate's replay time.
   */
  readonly appliedS?: readonly number[];
  /** Stale family: the expected entry per gate and the references to judge against. */
  readonly expected?: readonly Entry[];
  readonly refs?: EntryReferences;
}

/**
 * Gate-to-sound and stale gates from the recording: aligns the replay on the recording (align.ts),
 * finds each gate's onset between its edge and the next gate's (onset.ts), and, for the stale
 * family, classifies the attack as entry A or B. The recording's offset is refined to the median
 * of (onset - gate - engine figure) over onsets near the coarse alignment, so the audio's median
 * agrees with the engine's by construction; its spread, tails and misses are the audio's own, and
 * they include the card's fill, which varies by about a period and a block (some 11 ms).
 */
export function analyseAudio(i: AnalyseInput): AudioAnalysis {
  const env = new EnergyEnvelope(i.x, i.sampleRate);
  const cut = findDropouts(i.x, i.sampleRate);
  const dropouts = { count: cut.length, totalMs: cut.reduce((t, d) => t + ((d.end - d.start) * 1000) / i.sampleRate, 0), atS: cut.map((d) => d.start / i.sampleRate) };
  // Sound coming back after a dropout is no gate's onset.
  const afterDropout = (s: number) => cut.some((d) => Math.abs(s - d.end) <= env.samples(1.5));
  /** Gate k's edge at the input, ms from the replay's start. */
  const edgeMs = (k: number): number => (i.appliedS?.[k] ?? i.gates[k]!.t) * 1000;
  const withMetric = i.gates.map((g, k) => ({ t: edgeMs(k) / 1000, metricMs: i.metricMs[k] })).filter((g): g is { t: number; metricMs: number } => g.metricMs !== undefined);
  const coarse = alignOffsetMs(env, withMetric);
  if (coarse === undefined) return { dropouts, aligned: false, gates: i.gates.map((g, k) => ({ t: g.t, jack: g.jack, stepped: g.stepped, cv1AgeS: g.cv1AgeS, metricMs: i.metricMs[k] })) };
  const at = (ms: number) => Math.round((ms * i.sampleRate) / 1000);
  const onsets = i.gates.map((g, k) => {
    const from = at(edgeMs(k) + coarse - 3);
    const to = Math.min(at(edgeMs(k) + coarse + MAX_LAG_MS), k + 1 < i.gates.length ? at(edgeMs(k + 1) + coarse - 3) : Infinity);
    return to - from >= at(4) ? detectOnset(env, from, to, { skip: afterDropout }) : undefined;
  });
  const diffs = onsets.flatMap((o, k) => (o && i.metricMs[k] !== undefined ? [(o.index * 1000) / i.sampleRate - edgeMs(k) - i.metricMs[k]!] : []));
  // Onsets far from where the coarse offset puts the engine's figure (a retrigger masked by a tail, a
  // rise the engine does not count) would drag the median; each is still reported as it was heard.
  const near = diffs.filter((d) => Math.abs(d - coarse) <= ALIGN_WINDOW_MS);
  const offsetMs = near.length ? percentile(near, 50)! : coarse;
  const aligned = near.length >= MIN_ALIGNED_ONSETS && near.length * 2 >= diffs.length;
  const gates = i.gates.map((g, k): GateAudio => {
    const o = onsets[k];
    const base: GateAudio = {
      t: g.t, jack: g.jack, stepped: g.stepped, cv1AgeS: g.cv1AgeS, metricMs: i.metricMs[k],
      ...(o && { onsetIndex: o.index, audioMs: (o.index * 1000) / i.sampleRate - edgeMs(k) - offsetMs, riseDb: o.riseDb }),
    };
    const expected = i.expected?.[k];
    if (!expected || !i.refs) return base;
    if (!aligned) return { ...base, expected };
    // Without a clear onset, judge where the engine says the sound started.
    const start = o?.index ?? (i.metricMs[k] !== undefined ? at(edgeMs(k) + offsetMs + i.metricMs[k]!) : undefined);
    if (start === undefined) return { ...base, expected };
    const heard = classifyAt(i.x, i.sampleRate, start, i.refs, MAIN_WINDOW_MS);
    const early = classifyAt(i.x, i.sampleRate, start, i.refs, EARLY_WINDOW_MS);
    const right = rightSoundIndex(i.x, i.sampleRate, start, expected, i.refs);
    return {
      ...base, expected, heard, early, stale: heard.entry !== expected,
      ...(right !== undefined && { rightMs: (right * 1000) / i.sampleRate - edgeMs(k) - offsetMs }),
    };
  });
  return { offsetMs, alignedOn: near.length, onsetsFound: diffs.length, aligned, dropouts, gates };
}
