import type { TaskMetrics } from '../../scheduler/deadline-stats';

/** What `neurorack run --metrics` writes. Times in ms (virtual ms on the virtual clock). */
export interface ReplayMetrics {
  clock: 'virtual' | 'realtime';
  duration_s: number;
  /**
   * On the real clock, the replay's first instant in ms since the epoch: what the `_at_s` times
   * count from, on the time base of other processes (a benchmark's machine-stall probes). Null on
   * the virtual clock, whose time is not the machine's.
   */
  started_at_ms: number | null;
  block_size: number;
  block_ms: number;
  xruns: number;
  gate_to_sound_ms: number[];
  gate_to_sound_p99_ms: number | null;
  /**
   * When each counted gate's rising edge reached the input, s from the replay's start, in replay
   * order (one per gate, sounded or not): its replay time, plus however late the realtime patch
   * cables ran by then (on a loaded machine a cable falls behind, and never squeezes the rest of
   * the patch). What gate_to_sound_ms counts from, and what a recording lines up with.
   */
  gate_at_s: number[];
  /**
   * Whether each gate of gate_at_s was stepped (issue #22: a CV jumped by 0.5 V or more within
   * 20 ms before it), judged by when the events really reached the jacks.
   */
  gate_stepped: boolean[];
  /**
   * Realtime replays: how far behind its timeline the patch cable thread ended, ms (an event more
   * than 1 ms late moves the rest of the patch with it). Every figure counts from when events
   * really reached the jacks, but a cable that fell far behind played a slower patch than the
   * replay's (its LFOs, its gaps between a CV step and a gate), so a large figure says the
   * stimulus was not the one written.
   */
  cable_late_ms?: number;
  /**
   * Each CV step (a jump of 0.5 V or more on a jack, as for gate_stepped): its jack, its time in
   * the replay (s) and when it really reached the jack (s from the start; later than its replay
   * time when the cable fell behind), so that a reading of the recording can place it.
   */
  cv_steps: Array<{ jack: number; t: number; at_s: number }>;
  cv_to_audible_ms: number[];
  cv_to_audible_p99_ms: number | null;
  /** When each change of cv_to_audible_ms was made, s from the replay's start, in the same order. */
  cv_to_audible_at_s: number[];
  /** CV changes made before the module first sounded: not in cv_to_audible_ms (set-up, not latency). */
  cv_before_sound: number;
  /** Gates whose voice started on a render older than the CVs at the gate (the engine's count; judge the audio too). */
  stale_gates: number;
  /**
   * Where each trigger's time went before its voice could start (see GateStages): from the edge
   * to the instrument (`detect`), the CVs at the edge read (`scan`), and for stepped gates the
   * wait for their render's first chunk (`render_stepped`); the rest of gate_to_sound_ms is the
   * hand-over to the audio worker and the block.
   */
  gate_stages_ms: { detect: number[]; scan: number[]; render_stepped: number[] };
  cold_start_ms: number;
  /**
   * Boot to sound, in milliseconds from the process's start (performance.timeOrigin): Node's own
   * bootstrap done, the command running (the CLI and its imports loaded), each boot step's start
   * (rack, devices, model, bank) and ready, then the first block the card received that was not
   * silent (real clock: wall time; virtual clock: null, its time is not the process's). `control`:
   * the control thread's own steps in the same clock (its modules loaded, container, devices,
   * model, the audio worker given, first render playable; null when the instrument runs inline).
   */
  boot_ms: BootTimeline;
  renders: number;
  render_failures: number;
  mapping_failures: number;
  events_ignored: number;
  model: string;
  /** Frames the screen received (PNGs written when --frames was given). */
  screen_frames: number;
  scheduler: Record<string, TaskMetrics>;
  /** Realtime runs: the threads the audio depends on (see docs/engine.md, "Thread priorities"). */
  audio_threads?: AudioThreadMetrics;
}

export interface AudioThreadMetrics {
  /** The audio worker writes the device itself (else the control thread feeds it). */
  worker_writes_device: boolean;
  /** The audio worker got its raised priority (null: no audio worker). */
  audio_priority_raised: boolean | null;
  /** The control thread (gates, CVs) got its raised priority (null: they run on the main thread). */
  control_priority_raised: boolean | null;
  /** The emulated card's clock thread got its raised priority (null: the card runs on the control thread). */
  card_clock_priority_raised: boolean | null;
  /** The most the card's clock played a period after its due time (its own lateness), in ms. */
  card_clock_latest_ms: number | null;
  /**
   * The latest device underruns (up to 16), whose each was: when its period was due, seconds from
   * the replay's first instant (negative: during the boot); how late the card's thread looked; how
   * long before the due time the audio worker last wrote, last woke, last went to sleep and meant
   * to wake from that sleep at the latest (null: not known; negative: after it). See UnderrunRecord.
   */
  underruns: Array<{ at_s: number; card_late_ms: number; writer_silent_ms: number | null; writer_awake_ms: number | null; writer_asleep_ms: number | null; writer_wake_by_ms: number | null }>;
}

/** Nearest-rank percentile (null for no data). */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** See ReplayMetrics.boot_ms. */
export interface BootTimeline {
  readonly node: number;
  readonly command: number;
  readonly steps: Readonly<Record<string, number>>;
  readonly control: Readonly<Record<string, number>> | null;
  readonly ready: number;
  readonly first_sound: number | null;
}
