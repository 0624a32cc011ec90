import { StreamResampler } from '../../audio/stream-resampler';
import type { WavStreamWriter } from '../../audio/wav-stream-writer';
import type { AudioObserver } from '../audio-thread';

/** What the tap needs to know of the sound card's driver (ResamplingAudioOut). */
export interface CardFormat {
  readonly inputRate: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly maxBlockFrames: number;
}

/**
 * Records a replay straight to disk: every block the audio path hands to the sound card, turned
 * into what the card receives (resampled to its rate as its driver does, copied to each channel),
 * goes to a {@link WavStreamWriter} as it comes, so the take is never held in memory (the card's
 * own recording is turned off). Blocks before `start()` and after `stop()` are not kept.
 */
export class RecordTap {
  private on = false;
  private readonly mono: Float32Array;
  private readonly interleaved: Float32Array;

  private constructor(private readonly resampler: StreamResampler, private readonly writer: WavStreamWriter, private readonly channels: number) {
    this.mono = new Float32Array(resampler.outputSamplesFor(resampler.options.maxBlockFrames));
    this.interleaved = new Float32Array(this.mono.length * channels);
  }

  static async attach(audio: Pick<AudioObserver, 'onBlock'>, card: CardFormat, writer: WavStreamWriter): Promise<RecordTap> {
    const resampler = await StreamResampler.create({ inRate: card.inputRate, outRate: card.sampleRate, maxBlockFrames: card.maxBlockFrames });
    const tap = new RecordTap(resampler, writer, card.channels);
    audio.onBlock((block) => tap.take(block));
    return tap;
  }

  start(): void {
    this.on = true;
  }

  /** Stops keeping blocks and frees the resampler; the writer stays open for its owner to close. */
  stop(): void {
    this.on = false;
    this.resampler.destroy();
  }

  private take(block: Float32Array): void {
    if (!this.on) return;
    const frames = this.resampler.process(block, this.mono);
    if (this.channels === 1) {
      this.writer.write(this.mono, frames);
      return;
    }
    const ch = this.channels;
    for (let i = 0; i < frames; i++) for (let c = 0; c < ch; c++) this.interleaved[i * ch + c] = this.mono[i]!;
    this.writer.write(this.interleaved, frames * ch);
  }
}
