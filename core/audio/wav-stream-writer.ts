import { openFileAtomic, type AtomicFile } from '../files/atomic-write';

/** The canonical 44-byte header of a 16-bit PCM WAV (RIFF, fmt, data). */
export const PCM16_HEADER_BYTES = 44;
/** Samples converted before a write is queued: bounds what the writer holds. */
const CHUNK_SAMPLES = 32_768;

/**
 * A 16-bit PCM WAV written as it is produced, so a long recording holds one chunk in memory, not
 * the take: samples are clamped to [-1, 1] and scaled by 32767 (the bytes `writeWav` gives for the
 * same samples). The file is written atomically (core/files/atomic-write.ts): nothing appears at
 * `file` until `close()`, and `abort()` leaves what was there.
 */
export class WavStreamWriter {
  private chunk = new Int16Array(CHUNK_SAMPLES);
  private filled = 0;
  private bytes = 0;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;

  private constructor(private readonly out: AtomicFile, readonly sampleRate: number, readonly channels: number) {}

  static async open(file: string, sampleRate: number, channels: number): Promise<WavStreamWriter> {
    const out = await openFileAtomic(file);
    const w = new WavStreamWriter(out, sampleRate, channels);
    await out.handle.write(header(sampleRate, channels, 0), 0, PCM16_HEADER_BYTES, 0);
    return w;
  }

  /** Sample frames written so far (all channels). */
  get frames(): number {
    return (this.bytes / 2 + this.filled) / this.channels;
  }

  /** Appends `count` interleaved samples (default: all of `samples`); never waits. */
  write(samples: Float32Array, count = samples.length): void {
    for (let i = 0; i < count; i++) {
      const s = samples[i]!;
      this.chunk[this.filled++] = Math.round((s > 1 ? 1 : s < -1 ? -1 : s) * 32767);
      if (this.filled === this.chunk.length) this.queue();
    }
  }

  /** Resolves once what was written so far is on its way to disk (back-pressure for the producer). */
  async drained(): Promise<void> {
    this.queue();
    await this.writing;
    if (this.failure) throw this.failure;
  }

  /** Writes the rest, fills in the header's sizes and puts the file in place. */
  async close(): Promise<void> {
    try {
      await this.drained();
      await this.out.handle.write(header(this.sampleRate, this.channels, this.bytes), 0, PCM16_HEADER_BYTES, 0);
    } catch (err) {
      await this.out.abort();
      throw err;
    }
    await this.out.commit();
  }

  /** Gives up: the temporary file is removed and the target left as it was. */
  async abort(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.out.abort();
  }

  private queue(): void {
    if (this.filled === 0) return;
    const data = Buffer.from(this.chunk.buffer, 0, this.filled * 2);
    const at = PCM16_HEADER_BYTES + this.bytes;
    this.bytes += data.length;
    this.chunk = new Int16Array(CHUNK_SAMPLES);
    this.filled = 0;
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      try {
        await this.out.handle.write(data, 0, data.length, at);
      } catch (err) {
        this.failure = err;
      }
    });
  }
}

function header(rate: number, channels: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(PCM16_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}
