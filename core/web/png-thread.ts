import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { JobThread } from '../threads/job-thread';
import type { PngAnswer, PngJob } from './png-thread-protocol';

/** The PNG thread's heap: an encode needs about 1 MB; a small heap makes V8 collect the garbage of each frame soon. */
export const PNG_THREAD_MEMORY = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } as const;

/** A PNG and the pixels it was made from, handed back for the caller to reuse or compare. */
export interface EncodedPng {
  readonly png: Buffer;
  readonly pixels: Uint8Array;
}

/**
 * Encodes screen frames to PNG on a thread of its own. Filtering and deflating 240x240 RGBA took
 * about 7 ms of the main thread per frame (the screen feed sends up to 20 a second, and every
 * /api/screen.png of a new frame one more). The caller gives up `pixels` (they move to the
 * thread) and gets them back with the PNG. The thread starts on the first frame, jobs run in
 * order, and it never keeps the process alive.
 */
export class PngThread {
  private readonly thread = new JobThread<Omit<PngJob, 'id'>, PngAnswer>(join(__dirname, 'png-thread-worker.js'), 'the PNG thread', () => false, PNG_THREAD_MEMORY);
  /** Frames encoded (tests and the stats read it). */
  encodes = 0;

  async encode(pixels: Uint8Array, width: number, height: number): Promise<EncodedPng> {
    if (pixels.byteLength !== width * height * 4) {
      throw new NeurorackError('NR_INTERNAL', `expected ${width * height * 4} bytes of RGBA for a ${width}x${height} screen, found ${pixels.byteLength}`);
    }
    const a = await this.thread.run({ pixels, width, height }, [pixels.buffer as ArrayBuffer]);
    if ('error' in a) throw new NeurorackError('NR_INTERNAL', `the PNG thread could not encode the screen: ${a.error}`);
    this.encodes++;
    return { png: Buffer.from(a.png.buffer, a.png.byteOffset, a.png.byteLength), pixels: a.pixels };
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
