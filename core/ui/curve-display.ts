import { DESCRIPTOR_ORDER, type DescriptorName } from '../descriptors/descriptor-matrix';

/** How the screen draws a descriptor, as the curve designer does: log axes for frequencies and flatness, else zoomed to the curve's peak. */
export const CURVE_DISPLAY: Readonly<Record<DescriptorName, { readonly kind: 'log'; readonly lo: number; readonly hi: number } | { readonly kind: 'peak' }>> = {
  rms: { kind: 'peak' },
  zcr: { kind: 'peak' },
  rolloff: { kind: 'log', lo: 20, hi: 11025 },
  flatness: { kind: 'log', lo: 1e-4, hi: 1 },
  bandwidth: { kind: 'log', lo: 20, hi: 11025 },
  centroid: { kind: 'log', lo: 20, hi: 11025 },
  f0: { kind: 'log', lo: 20, hi: 11025 },
};

/**
 * Descriptor frames in their units (Hz, amplitude...) as the 0..1 values a HostView's curves
 * hold ([frames][descriptor], DESCRIPTOR_ORDER), rounded to 1/1000 so two views of the same
 * curves compare equal. Called once per new render's curves, not per screen frame.
 */
export function displayCurves(frames: ReadonlyArray<ArrayLike<number>>): number[][] {
  const peaks = DESCRIPTOR_ORDER.map((_, d) => {
    let p = 0;
    for (const f of frames) p = Math.max(p, f[d] ?? 0);
    return p > 0 ? p : 1;
  });
  return frames.map((f) =>
    DESCRIPTOR_ORDER.map((name, d) => {
      const s = CURVE_DISPLAY[name];
      const v = f[d] ?? 0;
      const u = s.kind === 'log' ? Math.log(Math.max(s.lo, v) / s.lo) / Math.log(s.hi / s.lo) : v / peaks[d]!;
      return Math.round(Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * 1000) / 1000;
    }),
  );
}

/** `displayCurves` remembered for the last frames it was given, so a view per screen frame converts each render's curves once. */
export function memoDisplayCurves(): (frames: ReadonlyArray<ArrayLike<number>> | undefined) => number[][] {
  let last: unknown;
  let shown: number[][] = [];
  return (frames) => {
    if (frames !== last) {
      last = frames;
      shown = frames ? displayCurves(frames) : [];
    }
    return shown;
  };
}
