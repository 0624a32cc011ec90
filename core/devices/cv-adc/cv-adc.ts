import type { Device } from '../device';

/** One CV jack's value in a scan. */
export interface CvJackReading {
  /** 1..4, as on the panel. */
  readonly jack: number;
  /** Calibrated jack volts, clamped to the jack's range. */
  readonly volts: number;
  /** When this value was converted (clock ms); older than the scan when held. */
  readonly timeMs: number;
  /** false: the chip failed this scan and `volts` is the last good value, held. */
  readonly fresh: boolean;
}

/** An extra ADC channel read in every scan (the v1 gates), uncalibrated and unclamped. */
export interface AdcTapReading {
  readonly id: string;
  /** Jack volts: pin difference x divider + reference. */
  readonly volts: number;
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
}

/**
 * The CV inputs.
 *
 * Obligations:
 * - `scan()` converts every configured jack (and every tap) once and resolves with calibrated jack
 *   volts, each clamped to its range (bipolar +-5 V or 0-10 V) and timestamped. It never rejects:
 *   a failing chip's jacks hold their last good value with `fresh: false` (0 V before any), and
 *   `health()` reads `degraded` until a scan of that chip succeeds again.
 * - Failing chips are retried with a bounded backoff: skipped (values held) until their next try.
 * - `start()` scans every 1/scanHz s on the injected clock; `stop()` ends it. Each scan, periodic
 *   or not, reaches every `onScan` listener (gates read their taps there).
 * - `latest()` returns the last scan without touching the bus.
 * - Taps are added before `open()` (they join the scan plan).
 */
export interface CvAdc extends Device {
  readonly kind: 'cv-adc';
  addTap(tap: AdcTap): void;
  scan(): Promise<CvScan>;
  latest(): CvScan;
  onScan(listener: (scan: CvScan) => void): () => void;
  start(): void;
  stop(): void;
}
