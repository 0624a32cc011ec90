import { parentPort } from 'node:worker_threads';
import { PNG } from 'pngjs';
import type { PngAnswer, PngJob } from './png-thread-protocol';

/** Deflate level of the screen's PNGs: 3 keeps a 240x240 screen to a few ms with small files. */
const DEFLATE_LEVEL = 3;

/** The PNG thread: encodes the screen so the main thread (web server, menu) does not. */
parentPort!.on('message', (job: PngJob) => {
  let answer: PngAnswer;
  try {
    const image = new PNG({ width: job.width, height: job.height, deflateLevel: DEFLATE_LEVEL });
    image.data = Buffer.from(job.pixels.buffer, job.pixels.byteOffset, job.pixels.byteLength);
    const encoded = PNG.sync.write(image, { deflateLevel: DEFLATE_LEVEL });
    // A Buffer may be a slice of a shared pool: an array of its own can be moved back whole.
    const png = new Uint8Array(encoded.length);
    png.set(encoded);
    answer = { id: job.id, png, pixels: job.pixels };
  } catch (err) {
    answer = { id: job.id, error: (err as Error)?.message ?? String(err), pixels: job.pixels };
  }
  parentPort!.postMessage(answer, 'png' in answer ? [answer.png.buffer as ArrayBuffer, answer.pixels.buffer as ArrayBuffer] : [answer.pixels.buffer as ArrayBuffer]);
});
