import { D, type DescriptorFrames } from './descriptor-frames';

/**
 * Two contrasting impact curves (A: a dark low thud, B: a bright high ring) used when no
 * descriptor bank is installed, so the instrument and replays can play out of the box. Shipped
 * banks (descriptor-banks/) replace them as soon as one is there.
 */
export function fallbackEntries(): { a: DescriptorFrames; b: DescriptorFrames } {
  return {
    a: impact(40, { f0: 110, centroid: 400, bandwidth: 300, flatness: 0.05, peak: 0.3, decay: 8 }),
    b: impact(30, { f0: 660, centroid: 4000, bandwidth: 1500, flatness: 0.2, peak: 0.25, decay: 5 }),
  };
}

function impact(frames: number, p: { f0: number; centroid: number; bandwidth: number; flatness: number; peak: number; decay: number }): DescriptorFrames {
  const out: DescriptorFrames = [];
  for (let t = 0; t < frames; t++) {
    const env = t === 0 ? 0.3 : Math.exp(-(t - 1) / p.decay);
    const f = new Array<number>(7).fill(0);
    f[D.rms] = p.peak * env;
    f[D.zcr] = Math.min(0.5, (p.centroid * 2) / 22050);
    f[D.rolloff] = Math.min(10000, p.centroid * 2);
    f[D.flatness] = p.flatness;
    f[D.bandwidth] = p.bandwidth;
    f[D.centroid] = p.centroid * (0.8 + 0.2 * env);
    f[D.f0] = p.f0;
    out.push(f);
  }
  return out;
}
