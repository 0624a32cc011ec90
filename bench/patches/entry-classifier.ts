import type { Entry } from './patch';
import { spectralCentroid } from './spectral-centroid';

/** The attack window a gate is judged on, and the short one its very first sound is judged on. */
export const MAIN_WINDOW_MS = 30;
export const EARLY_WINDOW_MS = 10;

/** One entry's centroid at the attack, over the reference gates: mean and spread of ln(Hz). */
export interface EntryReference {
  readonly hz: number;
  readonly lnMean: number;
  readonly lnSd: number;
  readonly n: number;
}

export type EntryReferences = Readonly<Record<Entry, EntryReference>>;

export interface Heard {
  readonly entry: Entry;
  readonly centroidHz: number;
  /** 0 at A's reference, 1 at B's, on a log-frequency axis; 0.5 is the boundary. */
  readonly score: number;
  /** Distance from the boundary in half the references' distance: 1 = right on a reference, below 0.2 = shaky. */
  readonly margin: number;
}

/** Each entry's reference from sounds known to be it; with five or more, those beyond 3 MADs of the median are left out. */
export function buildReferences(samples: ReadonlyArray<{ entry: Entry; centroidHz: number }>): EntryReferences {
  const ref = (entry: Entry): EntryReference => {
    let ln = samples.filter((s) => s.entry === entry && s.centroidHz > 0).map((s) => Math.log(s.centroidHz));
    if (!ln.length) throw new Error(`no reference sound of entry ${entry}`);
    if (ln.length >= 5) {
      const med = median(ln);
      const mad = median(ln.map((v) => Math.abs(v - med)));
      ln = ln.filter((v) => Math.abs(v - med) <= 3 * Math.max(mad, 1e-6));
    }
    const lnMean = ln.reduce((a, b) => a + b, 0) / ln.length;
    const lnSd = Math.sqrt(ln.reduce((a, b) => a + (b - lnMean) ** 2, 0) / Math.max(1, ln.length - 1));
    return { hz: Math.exp(lnMean), lnMean, lnSd, n: ln.length };
  };
  return { A: ref('A'), B: ref('B') };
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** How far apart the references are in their pooled spread (a reliable classifier needs several). */
export function separation(refs: EntryReferences): number {
  const pooled = Math.sqrt((refs.A.lnSd ** 2 + refs.B.lnSd ** 2) / 2);
  return Math.abs(refs.B.lnMean - refs.A.lnMean) / Math.max(pooled, 1e-9);
}

export function classifyCentroid(refs: EntryReferences, centroidHz: number): Heard {
  const score = centroidHz > 0 ? (Math.log(centroidHz) - refs.A.lnMean) / (refs.B.lnMean - refs.A.lnMean) : NaN;
  const entry: Entry = score >= 0.5 ? 'B' : 'A';
  return { entry, centroidHz, score, margin: Number.isFinite(score) ? Math.abs(score - 0.5) * 2 : 0 };
}

/** Classifies x[from, from + windowMs). */
export function classifyAt(x: Float32Array, sampleRate: number, from: number, refs: EntryReferences, windowMs = MAIN_WINDOW_MS): Heard {
  return classifyCentroid(refs, spectralCentroid(x, from, Math.round((windowMs * sampleRate) / 1000), sampleRate));
}

export interface RightSoundOptions {
  readonly windowMs?: number;
  readonly hopMs?: number;
  /** The sound must stay `expected` this long. */
  readonly holdMs?: number;
  /** Searched this long after the onset. */
  readonly maxMs?: number;
}

/**
 * When the right entry is heard after an onset: the onset itself when the first short window (10
 * ms, sliding by 1 ms) and every one over the next `holdMs` classify as `expected`, else the
 * centre of the first window from which they do. A gate that
 * starts on the previous step's render and crossfades to the right one gets the crossfade's time.
 * Undefined when the right entry never holds within `maxMs`.
 */
export function rightSoundIndex(x: Float32Array, sampleRate: number, onset: number, expected: Entry, refs: EntryReferences, o: RightSoundOptions = {}): number | undefined {
  const n = (ms: number) => Math.round((ms * sampleRate) / 1000);
  const win = n(o.windowMs ?? EARLY_WINDOW_MS);
  const hop = Math.max(1, n(o.hopMs ?? 1));
  const need = Math.ceil(n(o.holdMs ?? 20) / hop);
  let run = 0;
  let runStart = 0;
  for (let s = onset; s <= onset + n(o.maxMs ?? 200); s += hop) {
    const heard = classifyCentroid(refs, spectralCentroid(x, s, win, sampleRate));
    if (heard.entry === expected && Number.isFinite(heard.score)) {
      if (run === 0) runStart = s;
      if (++run >= need) return runStart === onset ? onset : runStart + Math.floor(win / 2);
    } else run = 0;
  }
  return undefined;
}
