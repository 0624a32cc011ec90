import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NeurorackError } from '../errors/neurorack-error';
import type { PngAnswer, PngJob } from './png-thread-protocol';

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
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(e: EncodedPng): void; reject(e: Error): void }>();
  /** Frames encoded (tests and the stats read it). */
  encodes = 0;

  encode(pixels: Uint8Array, width: number, height: number): Promise<EncodedPng> {
    if (pixels.byteLength !== width * height * 4) {
      return Promise.reject(new NeurorackError('NR_INTERNAL', `expected ${width * height * 4} bytes of RGBA for a ${width}x${height} screen, found ${pixels.byteLength}`));
    }
    const id = this.nextId++;
    const worker = this.start();
    return new Promise<EncodedPng>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, pixels, width, height } satisfies PngJob, [pixels.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(join(__dirname, 'png-thread-worker.js'));
    worker.unref();
    worker.on('message', (a: PngAnswer) => {
      const p = this.pending.get(a.id);
      this.pending.delete(a.id);
      if (this.pending.size === 0) worker.unref();
      if (!p) return;
      if ('error' in a) return p.reject(new NeurorackError('NR_INTERNAL', `the PNG thread could not encode the screen: ${a.error}`));
      this.encodes++;
      p.resolve({ png: Buffer.from(a.png.buffer, a.png.byteOffset, a.png.byteLength), pixels: a.pixels });
    });
    const fail = (err: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(new NeurorackError('NR_INTERNAL', `the PNG thread stopped (${err.message})`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit ${code}`)));
    this.worker = worker;
    return worker;
  }
}
