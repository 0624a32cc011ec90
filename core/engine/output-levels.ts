/** Below this (-120 dB) a level reads as silence and the peak stops decaying. */
const SILENT = 1e-6;
/** The peak's decay per block (about 0.3 s to fall 20 dB at 128 frames and 22,050 Hz). */
const PEAK_DECAY = 0.95;
const LEVEL = 0;
const PEAK = 1;
const CLIPPING = 2;

/**
 * The output's level, kept by whoever fills the blocks (the audio worker, or the synchronous path
 * on the virtual clock) in a few shared words, so a meter reads it whenever it draws instead of
 * being handed every block: the RMS of the newest block, a peak decaying by block, and whether the
 * newest block clipped. Writing is allocation-free; a reader sees each word whole (aligned 32-bit
 * floats), at worst one block older than its neighbour.
 */
export class OutputLevels {
  static readonly WORDS = 3;

  /** Words for one writer and any readers: shared memory when they live in other threads. */
  static allocate(shared: boolean): Float32Array {
    const bytes = OutputLevels.WORDS * Float32Array.BYTES_PER_ELEMENT;
    return new Float32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  constructor(private readonly words: Float32Array = OutputLevels.allocate(false)) {}

  /** Filling side: reads one block as it goes to the device. */
  take(block: Float32Array): void {
    let peak = 0;
    let sum = 0;
    for (let i = 0; i < block.length; i++) {
      const v = Math.abs(block[i]!);
      if (v > peak) peak = v;
      sum += v * v;
    }
    const w = this.words;
    const decayed = w[PEAK]! * PEAK_DECAY;
    w[PEAK] = Math.max(peak, decayed > SILENT ? decayed : 0);
    const level = Math.sqrt(sum / Math.max(1, block.length));
    w[LEVEL] = level > SILENT ? level : 0;
    w[CLIPPING] = peak >= 0.999 ? 1 : 0;
  }

  /** RMS of the newest block (0 below -120 dB). */
  get level(): number {
    return this.words[LEVEL]!;
  }

  /** The decaying peak (0 once below -120 dB). */
  get peak(): number {
    return this.words[PEAK]!;
  }

  /** Whether the newest block reached full scale. */
  get clipping(): boolean {
    return this.words[CLIPPING] === 1;
  }
}
