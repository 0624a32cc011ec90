/** One bank entry's descriptor curves as the pair picker reads them. */
export interface EntryCurves {
  readonly name: string;
  /** [frame][descriptor] in the bank's descriptor order. */
  readonly frames: ReadonlyArray<readonly number[]>;
}

export interface BankCurves {
  readonly id: string;
  /** Seconds per frame (hopLength / sampleRate). */
  readonly hopS: number;
  /** Column of RMS and of the spectral centroid in a frame. */
  readonly rmsCol: number;
  readonly centroidCol: number;
  readonly entries: readonly EntryCurves[];
}

export interface EntryPair {
  readonly bank: string;
  /** The darker entry (lower centroid at the attack) and the brighter one. */
  readonly a: string;
  readonly b: string;
  /** RMS-weighted centroid over the first ATTACK_S, Hz. */
  readonly centroidA: number;
  readonly centroidB: number;
  /** log2(centroidB / centroidA). */
  readonly octaves: number;
  /** Whether both entries met the tail and loudness conditions (else the widest pair regardless). */
  readonly clean: boolean;
}

/** The attack the classifier listens to. */
export const ATTACK_S = 0.05;
/** By this time each entry's RMS has fallen to TAIL_RATIO of its peak or less, so the next step's attack stands out. */
export const TAIL_AT_S = 0.25;
export const TAIL_RATIO = 0.3;
/** Peak RMS over the attack within this factor of each other. */
export const LOUDNESS_RATIO = 3;

interface Feature { name: string; centroid: number; tail: number; loudness: number }

function features(bank: BankCurves, e: EntryCurves): Feature {
  const attackFrames = Math.max(1, Math.ceil(ATTACK_S / bank.hopS));
  let num = 0;
  let den = 0;
  let loudness = 0;
  for (let i = 0; i < Math.min(attackFrames, e.frames.length); i++) {
    const rms = e.frames[i]![bank.rmsCol]!;
    num += rms * e.frames[i]![bank.centroidCol]!;
    den += rms;
    loudness = Math.max(loudness, rms);
  }
  const peak = e.frames.reduce((m, f) => Math.max(m, f[bank.rmsCol]!), 0);
  const tailFrame = Math.round(TAIL_AT_S / bank.hopS);
  const tail = peak > 0 ? (e.frames[tailFrame]?.[bank.rmsCol] ?? 0) / peak : 1;
  return { name: e.name, centroid: den > 0 ? num / den : 0, tail, loudness };
}

/**
 * Entries A and B for the stale-gate patches: of all pairs within one bank, the pair furthest apart
 * in centroid at the attack (in octaves) among those whose tails fall quickly and whose attacks are
 * about as loud; if no pair qualifies, the widest pair.
 */
export function pickContrastPair(banks: readonly BankCurves[]): EntryPair {
  let best: { bank: string; a: Feature; b: Feature; octaves: number; clean: boolean } | undefined;
  for (const bank of banks) {
    const fs = bank.entries.map((e) => features(bank, e)).filter((f) => f.centroid > 0);
    for (let i = 0; i < fs.length; i++) {
      for (let j = i + 1; j < fs.length; j++) {
        const [a, b] = fs[i]!.centroid <= fs[j]!.centroid ? [fs[i]!, fs[j]!] : [fs[j]!, fs[i]!];
        const octaves = Math.log2(b.centroid / a.centroid);
        const loud = Math.max(a.loudness, b.loudness) / Math.max(1e-12, Math.min(a.loudness, b.loudness));
        const clean = a.tail <= TAIL_RATIO && b.tail <= TAIL_RATIO && loud <= LOUDNESS_RATIO;
        if (!best || (clean && !best.clean) || (clean === best.clean && octaves > best.octaves)) best = { bank: bank.id, a, b, octaves, clean };
      }
    }
  }
  if (!best) throw new Error('no bank has two entries with a centroid curve');
  return { bank: best.bank, a: best.a.name, b: best.b.name, centroidA: best.a.centroid, centroidB: best.b.centroid, octaves: best.octaves, clean: best.clean };
}
