import { NeurorackError } from 'neurorack/sdk';

/** The volts the user is asked to patch, in order. */
export const CALIBRATION_POINTS: readonly number[] = [0, 1, 5];

/** Limits a calibration must meet; beyond them it is refused and the previous one kept. */
export const calibrationLimits = {
  /** Samples read per point. */
  samples: 32,
  /** A reading further than this from the prompted volts is a wrong patch (or a broken jack). */
  maxErrorVolts: 0.6,
  /** Standard deviation above this is too noisy to calibrate on. */
  maxNoiseVolts: 0.03,
  /** After the fit, no point may sit further than this from the line. */
  maxResidualVolts: 0.06,
  offset: [-1, 1] as const,
  gain: [0.8, 1.25] as const,
};

export interface PointReading {
  readonly target: number;
  readonly mean: number;
  readonly noise: number;
}

/**
 * Checks one point's raw samples: close enough to the prompted volts and steady enough. Throws
 * NR_CALIBRATION_REFUSED with a message fit for the screen.
 */
export function readPoint(target: number, samples: readonly number[]): PointReading {
  if (samples.length === 0 || samples.some((v) => !Number.isFinite(v))) {
    throw new NeurorackError('NR_CALIBRATION_REFUSED', `no usable readings for ${target} V`);
  }
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const noise = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length);
  if (noise > calibrationLimits.maxNoiseVolts) {
    throw new NeurorackError('NR_CALIBRATION_REFUSED', `too noisy at ${target} V: ±${noise.toFixed(3)} V, expected under ±${calibrationLimits.maxNoiseVolts} V. Check the cable and the source.`);
  }
  if (Math.abs(mean - target) > calibrationLimits.maxErrorVolts) {
    throw new NeurorackError('NR_CALIBRATION_REFUSED', `read ${mean.toFixed(2)} V, expected ${target} V ±${calibrationLimits.maxErrorVolts} V. Patch ${target} V and retry.`);
  }
  return { target, mean, noise };
}

/**
 * Fits jack volts = (raw - offset) x gain through the points by least squares and checks the
 * result: gain and offset in their limits, every point near the line.
 */
export function fitCalibration(points: readonly PointReading[]): { offset: number; gain: number } {
  const n = points.length;
  if (n < 2) throw new NeurorackError('NR_CALIBRATION_REFUSED', `need at least 2 points, got ${n}`);
  const mx = points.reduce((a, p) => a + p.target, 0) / n;
  const my = points.reduce((a, p) => a + p.mean, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.target - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.target - mx) * (p.mean - my), 0);
  const slope = sxy / sxx; // raw volts per jack volt
  const offset = my - slope * mx;
  const gain = 1 / slope;
  if (!Number.isFinite(gain) || gain < calibrationLimits.gain[0] || gain > calibrationLimits.gain[1]) {
    throw new NeurorackError('NR_CALIBRATION_REFUSED', `gain ${gain.toFixed(3)} is outside ${calibrationLimits.gain.join('..')}; check the patched volts`);
  }
  if (offset < calibrationLimits.offset[0] || offset > calibrationLimits.offset[1]) {
    throw new NeurorackError('NR_CALIBRATION_REFUSED', `offset ${offset.toFixed(3)} V is outside ${calibrationLimits.offset.join('..')} V`);
  }
  const worst = Math.max(...points.map((p) => Math.abs((p.mean - offset) * gain - p.target)));
  if (worst > calibrationLimits.maxResidualVolts) {
    throw new NeurorackError('NR_CALIBRATION_REFUSED', `readings are not on a line (off by ${worst.toFixed(3)} V); check the patched volts`);
  }
  return { offset: round(offset, 5), gain: round(gain, 5) };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
