import type { Device } from '../device';

/** One CV jack's value in a scan. */
export interface CvJackReading {
  /** 1..4, as on the panel. */
  readonly jack: number;
  /** Calibrated jack volts, clamped to the jack's range. */
  readonly volts: number;
  /** When this value was sampled (clock ms): the start of its conversion; older than the scan when held. */
  readonly timeMs: number;
  /** false: the chip failed this scan and `volts` is the last good value, held. */
  readonly fresh: boolean;
}

/** An extra ADC channel (the v1 gates), uncalibrated and unclamped. */
export interface AdcTapReading {
  readonly id: string;
  /** Jack volts: pin difference x divider + reference. */
  readonly volts: number;
  /** When the chip sampled it (clock ms): the start of its conversion. */
  readonly timeMs: number;
  readonly fresh: boolean;
}

export interface CvScan {
  /** When the scan completed (clock ms). */
  readonly timeMs: number;
  /** The configured CV jacks, in jack order. */
  readonly jacks: readonly CvJackReading[];
  readonly taps: readonly AdcTapReading[];
}

/** An extra channel to read with the CVs: on the chip at `chip`, AIN`channel` against AIN3. */
export interface AdcTap {
  readonly id: string;
  readonly chip: number;
  readonly channel: number;
  /**
   * Also convert this channel between scans, at most this often (Hz), while anyone listens with
   * `onTapReading`. The chip's conversions left over by the scans bound the rate (`tapPollHz`).
   */
  readonly pollHz?: number;
}

/**
 * The CV inputs.
 *
 * Obligations:
 * - `scan(sampledSince?)` converts every configured jack (and every tap) once and resolves with
 *   calibrated jack volts; with `sampledSince`, every fresh value in it was sampled at or after that
 *   time (a scan already running reconverts only the channels it sampled earlier: how a gate reads
 *   the CVs as they are at its edge without waiting for a whole second scan). Otherwise calibrated jack
 *   volts, each clamped to its range (bipolar +-5 V or 0-10 V) and timestamped. It never rejects:
 *   a failing chip's jacks hold their last good value with `fresh: false` (0 V before any), and
 *   `health()` reads `degraded` until a conversion on that chip succeeds again.
 * - Failing chips are retried with a bounded backoff: skipped (values held) until their next try.
 * - `start()` scans every 1/scanHz s on the injected clock; `stop()` ends it. Each scan, periodic
 *   or not, reaches every `onScan` listener.
 * - Every conversion of a tap, in a scan or polled, reaches every `onTapReading` listener as soon as
 *   it is read, stamped with the time the chip sampled it. While at least one listener is
 *   subscribed (from `open()` to `close()`), taps with a `pollHz` are also converted between
 *   scans; the scans keep their rate, and a chip never runs two conversions at once.
 * - With `jackPollHz` in the config, the jacks are converted between scans too, with what the
 *   polled taps leave on their chip, while taps are polled; `scan(sampledSince)` then takes a
 *   jack converted at `sampledSince` or later as it is instead of converting it again (a gate's
 *   scan finds most jacks already read). `jackPollHz(jack)` is the rate granted (0: scanned only).
 * - `latest()` returns the last scan without touching the bus.
 * - Taps are added before `open()` (they join the conversion plan); `tapPollHz(id)` is the rate
 *   granted to a tap between scans (0: read in scans only), known after `open()`.
 */
export interface CvAdc extends Device {
  readonly kind: 'cv-adc';
  addTap(tap: AdcTap): void;
  scan(sampledSince?: number): Promise<CvScan>;
  latest(): CvScan;
  onScan(listener: (scan: CvScan) => void): () => void;
  onTapReading(listener: (reading: AdcTapReading) => void): () => void;
  tapPollHz(id: string): number;
  jackPollHz(jack: number): number;
  start(): void;
  stop(): void;
}
