import type { RangeExcursion } from './range-excursions';

/**
 * The read-only state screen pages draw, as plain JSON-able data. The host (engine) builds a fresh
 * HostView on demand; `MemoryHost` holds one for tests, screenshots and `--state FILE`.
 *
 * Obligations for implementers:
 * - Every field is present (use empty arrays, `null` or 0 rather than leaving one out), so a page
 *   never has to guess; numbers are finite.
 * - The object is a snapshot: the screen may keep it for a frame and compare it with the next one,
 *   so never mutate a view once handed out.
 */
export interface HostView {
  readonly phase: HostPhase;
  /** 0..1 and a line saying what is starting, while `phase` is `booting`. */
  readonly boot: { readonly progress: number; readonly step: string };
  readonly model: ModelView;
  readonly models: readonly InstalledModel[];
  readonly bank: BankView;
  readonly banks: readonly BankSummary[];
  /** Community banks: the rack's registries, a registry's banks once listed, and the install in progress. */
  readonly community: CommunityView;
  /** The four CV jacks, in jack order. */
  readonly cvs: readonly CvView[];
  readonly gates: readonly GateView[];
  readonly curves: CurvesView;
  /** How closely the newest measured render followed its asked curves; null before the first is measured. */
  readonly follow: FollowView | null;
  readonly output: OutputView;
  readonly params: readonly ParamView[];
  readonly assignments: AssignmentsView;
  readonly calibration: CalibrationView;
  readonly stats: StatsView;
  readonly about: AboutView;
  /** Problems reported by plugins and drivers, newest last; the screen shows them as toasts. */
  readonly toasts: readonly ToastView[];
}

/** `booting`: drivers and models coming up; `loading`: a model switch in progress (the old one plays). */
export type HostPhase = 'booting' | 'ready' | 'loading' | 'fault';

export interface ModelView {
  /** Model id (folder name) of the playing model, or null before the first one is loaded. */
  readonly id: string | null;
  readonly name: string;
  /** The model being loaded in the background while `id` keeps playing. */
  readonly loadingId: string | null;
  /**
   * The playing model's latest render asked for descriptors outside its training range (the model
   * clamps them): a CV pushes past what it knows. Absent for models that do not report it.
   */
  readonly outOfRange?: boolean;
  /** For a model with a latent: its timbres (shipped first, then the user's) and the one it plays. */
  readonly timbres?: readonly string[];
  readonly timbre?: string;
}

export interface InstalledModel {
  readonly id: string;
  readonly name: string;
  readonly source: 'builtin' | 'imported';
  readonly status: 'ready' | 'loading' | 'error' | 'available';
  /** Real-time factor of the last benchmark (render time / audio time; below 1 keeps up). */
  readonly rtf: number | null;
  readonly error?: string;
}

/** Entries A and B (each from a bank of its own) and the entry being previewed, if any. */
export interface BankView {
  /** The bank of entry A (the bank the performer is in). */
  readonly id: string | null;
  readonly entryA: string | null;
  readonly entryB: string | null;
  /** The bank of entry A and of entry B: they may differ. */
  readonly bankA: string | null;
  readonly bankB: string | null;
  /**
   * An entry auditioned from the Banks page: it plays in place of A and B until the performer
   * leaves the entry list or sets A or B; A and B are not changed by it.
   */
  readonly preview: { readonly bank: string; readonly entry: string } | null;
}

export interface BankSummary {
  readonly id: string;
  readonly name: string;
  readonly entries: readonly string[];
}

export interface CommunityView {
  /** The registries the rack names (banks.registries). */
  readonly registries: readonly string[];
  /** A registry can be reached: one is on this machine, or a network interface is up. */
  readonly network: boolean;
  /** The registry banks the Banks page lists (null until `browseCommunity`). */
  readonly listing: {
    readonly registry: string;
    readonly banks: ReadonlyArray<{
      readonly id: string; readonly name: string; readonly author: string; readonly licence: string; readonly entries: number; readonly size: number;
      /** The bank's first entry as 0..1 display curves ([frames][descriptor], DESCRIPTOR_ORDER), once its preview was read. */
      readonly curves?: ReadonlyArray<ReadonlyArray<number>>;
    }>;
  } | null;
  /** The install in progress or the last one: phase and 0..1 done, the error when it failed. */
  readonly progress: { readonly bankId: string; readonly phase: string; readonly fraction: number; readonly error?: string } | null;
}

export interface CvView {
  /** 1..4 as on the panel. */
  readonly jack: number;
  /** Calibrated jack volts. */
  readonly volts: number;
  /** Name of the mapping the jack drives ("Interpolate"), or "—" when unassigned. */
  readonly mapping: string;
  /** Where the CV sits in its range, 0..1 (what the mapping sees). */
  readonly normalised: number;
}

export interface GateView {
  readonly jack: number;
  /** High right now. */
  readonly high: boolean;
  /** Clock ms of the last rising edge, or null. */
  readonly lastEdgeMs: number | null;
  readonly mode: 'trigger' | 'loop' | 'none';
}

/** The descriptor curves being played: `frames[i]` holds the seven descriptors normalised 0..1. */
export interface CurvesView {
  readonly names: readonly string[];
  readonly frames: ReadonlyArray<readonly number[]>;
  /** Playhead position, 0..1 of the buffer, or null when nothing plays. */
  readonly playhead: number | null;
  /**
   * Descriptors the asked curves (the CVs applied) push past the playing model's training range,
   * which way, in descriptor order; empty when all are inside or the model carries no range.
   */
  readonly outside: readonly RangeExcursion[];
}

/** The follow meter's reading: Pearson r of log descriptors, asked against obtained (the host's own extractor), as `neurorack eval` scores. */
export interface FollowView {
  /** Mean r over the descriptors that have one (-1..1), or null when none has. */
  readonly r: number | null;
  /** The descriptor followed least, and its r. */
  readonly worst: { readonly name: string; readonly r: number } | null;
  /** The render version measured. */
  readonly version: number;
}

export interface OutputView {
  /** RMS level, dBFS (≤ 0; -Infinity is reported as -120). */
  readonly levelDb: number;
  /** Peak hold, dBFS. */
  readonly peakDb: number;
  /** The limiter or the sink clipped within the last second. */
  readonly clipping: boolean;
}

export interface ParamView {
  /** `volume`, `polyphony`, `block-size` or `plugin-id/param-id`. */
  readonly id: string;
  readonly name: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit: string;
  /** Allowed values when not a continuous range (block sizes). */
  readonly choices?: readonly number[];
}

export interface AssignmentsView {
  /** Per CV jack: mapping id (plugin-id/mapping-id or mapping-id). */
  readonly cv: readonly string[];
  readonly gate: ReadonlyArray<'trigger' | 'loop' | 'none'>;
  /** Every mapping the loaded plugins offer. */
  readonly mappings: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

export interface CalibrationView {
  /** Per jack, in jack order: what the rack config holds. */
  readonly jacks: ReadonlyArray<{ readonly jack: number; readonly range: 'bipolar-5v' | 'unipolar-10v'; readonly offset: number; readonly gain: number }>;
}

export interface StatsView {
  /** Host process CPU, percent of one core. */
  readonly cpuPercent: number;
  readonly memoryMb: number;
  /** °C from /sys/class/thermal, or null where the system does not report it. */
  readonly temperatureC: number | null;
  readonly xruns: number;
  readonly inferenceMs: number;
  readonly deadlineMisses: number;
  readonly uptimeS: number;
  /** The scheduler tasks that missed a deadline since the counters were reset, most misses first. */
  readonly missedTasks: ReadonlyArray<{ readonly id: string; readonly misses: number }>;
}

export interface AboutView {
  readonly hostVersion: string;
  readonly profile: string;
  readonly board: string;
  readonly plugins: number;
  readonly address: string | null;
  /**
   * The code a browser from the network pairs with (shown for as long as it is the valid one), or
   * null when the panel needs none (served on loopback only, or not served).
   */
  readonly pairingCode?: string | null;
}

export interface ToastView {
  readonly id: string;
  readonly level: 'info' | 'warn' | 'error';
  /** Stable error code when it is an error, e.g. NR_PLUGIN_ENTRY_THREW. */
  readonly code?: string;
  readonly text: string;
  readonly timeMs: number;
}
