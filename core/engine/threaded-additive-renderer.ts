import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HOP, MODEL_RATE } from './descriptor-frames';
import type { ModelRenderer } from './model-renderer';

/**
 * The additive renderer on its own thread, so a long render never stalls the control thread's
 * gate and CV handling on the real clock (the sinc-NSF plugin runs its model in a worker for the
 * same reason). Same output as {@link AdditiveRenderer}. Call `dispose()` when done.
 */
export class ThreadedAdditiveRenderer implements ModelRenderer {
  readonly sampleRate = MODEL_RATE;
  readonly hop = HOP;
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, (audio: Float32Array) => void>();

  constructor(readonly id = 'additive') {
    this.worker = new Worker(join(__dirname, 'additive-render-worker.js'));
    this.worker.on('message', (m: { id: number; audio: Float32Array }) => {
      this.waiting.get(m.id)?.(m.audio);
      this.waiting.delete(m.id);
    });
    this.worker.unref();
  }

  render(frames: number[][], seed: number): Promise<Float32Array> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ id, frames, seed });
    });
  }

  async dispose(): Promise<void> {
    await this.worker.terminate();
  }
}
