/**
 * The seeded randomness a render feeds the model: mulberry32 uniforms, standard normals by
 * Box-Muller in pairs. training/neurorack_nsf/noise_stream.py is the same generator, so golden
 * vectors made in Python replay here.
 *
 * Order of draws (the contract): `sines - 1` uniforms for harmonic_phase[1..] (element 0 is 0), then
 * for each sample in time order `sines` normals (harmonic_noise) and one normal (noise_excitation).
 * A stream can therefore be drawn frame by frame and match an offline draw of the same seed.
 */
export class NoiseStream {
  private state: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream that goes on exactly where `from` is now (`from` is not touched). */
  static continuing(from: NoiseStream): NoiseStream {
    const next = new NoiseStream(0);
    next.state = from.state;
    next.spare = from.spare;
    next.hasSpare = from.hasSpare;
    return next;
  }

  uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const a = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(a);
    this.hasSpare = true;
    return r * Math.cos(a);
  }

  /**
   * Moves past `samples` samples of harmonic noise and excitation without drawing them, leaving
   * the stream as drawSamples would. Each uniform adds the same constant to the state, so when
   * every sample takes whole pairs of normals (sines + 1 even, no spare pending) the jump is one
   * addition; otherwise the samples are drawn and dropped. A render that starts at a voice's
   * position 130 frames in used to draw all of them first: 12 ms before its first chunk.
   */
  skipSamples(samples: number, sines: number): void {
    if (samples <= 0) return;
    if (!this.hasSpare && (sines & 1) === 1) {
      const uniforms = (samples * (sines + 1)) % 4294967296;
      this.state = (this.state + Math.imul(uniforms >>> 0, 0x6d2b79f5)) >>> 0;
      return;
    }
    for (let i = 0; i < samples * (sines + 1); i++) this.normal();
  }

  /** Initial phases in cycles; element 0 stays 0. */
  drawPhase(out: Float32Array): void {
    out[0] = 0;
    for (let s = 1; s < out.length; s++) out[s] = this.uniform();
  }

  /** Fills `samples` samples of harmonic noise [n, sines] and excitation [n] from the given offsets. */
  drawSamples(harmonic: Float32Array, hOffset: number, excitation: Float32Array, eOffset: number, samples: number, sines: number): void {
    if (!this.hasSpare && (sines & 1) === 1) {
      this.drawPairs(harmonic, hOffset, excitation, eOffset, samples, sines);
      return;
    }
    let h = hOffset;
    for (let i = 0; i < samples; i++) {
      for (let s = 0; s < sines; s++) harmonic[h++] = this.normal();
      excitation[eOffset + i] = this.normal();
    }
  }

  /**
   * drawSamples when every sample takes whole pairs (sines + 1 even, no spare normal pending): the
   * same arithmetic as uniform() and normal(), inlined (about a fifth of the drawing time is calls).
   */
  private drawPairs(harmonic: Float32Array, hOffset: number, excitation: Float32Array, eOffset: number, samples: number, sines: number): void {
    let state = this.state;
    let h = hOffset;
    for (let i = 0; i < samples; i++) {
      for (let s = 0; s < sines; s += 2) {
        let t = (state = (state + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const r = Math.sqrt(-2 * Math.log(1 - ((t ^ (t >>> 14)) >>> 0) / 4294967296));
        t = (state = (state + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const a = 2 * Math.PI * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
        harmonic[h++] = r * Math.cos(a);
        if (s + 1 < sines) harmonic[h++] = r * Math.sin(a);
        else excitation[eOffset + i] = r * Math.sin(a);
      }
    }
    this.state = state;
  }
}
