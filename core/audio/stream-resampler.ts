import { ConverterType, create } from '@alexanderolsen/libsamplerate-js';
import type { ConverterTypeValue } from '@alexanderolsen/libsamplerate-js/dist/converter-type';
import type { SRC } from '@alexanderolsen/libsamplerate-js/dist/src';

/** libsamplerate's converters, by name. `sinc-fastest` keeps 80 % of the band and is cheap on a Pi. */
export type ResamplerQuality = 'sinc-best' | 'sinc-medium' | 'sinc-fastest';

const converters: Record<ResamplerQuality, ConverterTypeValue> = {
  'sinc-best': ConverterType.SRC_SINC_BEST_QUALITY,
  'sinc-medium': ConverterType.SRC_SINC_MEDIUM_QUALITY,
  'sinc-fastest': ConverterType.SRC_SINC_FASTEST,
};

export interface StreamResamplerOptions {
  readonly inRate: number;
  readonly outRate: number;
  readonly channels?: number;
  /** The longest block `process()` will be given, in frames (sizes the preallocated output). */
  readonly maxBlockFrames: number;
  readonly quality?: ResamplerQuality;
}

/**
 * Block-by-block resampling with libsamplerate (WASM) in its streaming (`full`) mode: the filter
 * state carries across blocks, so consecutive blocks join without clicks. The output trails the
 * input by the filter delay (about 45 frames at 48 kHz with `sinc-fastest`). After `create()`,
 * `process()` allocates nothing.
 */
export class StreamResampler {
  readonly ratio: number;
  private readonly outLength = { frames: 0 };

  private constructor(
    private readonly src: SRC,
    readonly options: Required<StreamResamplerOptions>,
  ) {
    this.ratio = options.outRate / options.inRate;
  }

  static async create(options: StreamResamplerOptions): Promise<StreamResampler> {
    const full: Required<StreamResamplerOptions> = { channels: 1, quality: 'sinc-fastest', ...options };
    const src = await create(full.channels, full.inRate, full.outRate, { converterType: converters[full.quality] });
    return new StreamResampler(src, full);
  }

  /** The output capacity `process()` needs for a block of `inFrames` frames (in samples). */
  outputSamplesFor(inFrames: number): number {
    return (Math.ceil(inFrames * this.ratio) + 2) * this.options.channels;
  }

  /**
   * Resamples one block (interleaved when several channels) into `out`, which must hold
   * `outputSamplesFor(block frames)` samples; returns the number of frames written.
   */
  process(block: Float32Array, out: Float32Array): number {
    const channels = this.options.channels;
    if (block.length > this.options.maxBlockFrames * channels) {
      throw new RangeError(`StreamResampler: block of ${block.length / channels} frames, expected at most ${this.options.maxBlockFrames}`);
    }
    if (this.options.inRate === this.options.outRate) {
      out.set(block);
      return block.length / channels;
    }
    this.src.full(block, out, this.outLength);
    return this.outLength.frames;
  }

  destroy(): void {
    if (!this.src.isDestroyed) this.src.destroy();
  }
}
