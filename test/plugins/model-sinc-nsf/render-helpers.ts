import { strict as assert } from 'node:assert';
import type { RenderTarget } from '../../../core/engine/model-renderer';
import { NeurorackError } from '../../../core/errors/neurorack-error';

/** An impact-like curve around a model's descriptor means: decaying rms, wobbling f0. */
export function impactCurve(mean: ReadonlyArray<number>, frames: number, seed = 0): number[][] {
  return Array.from({ length: frames }, (_, t) => mean.map((v, k) => {
    if (k === 0) return v * 2 * Math.exp(-t / 30);
    if (k === mean.length - 1) return v * (1 + 0.1 * Math.sin(seed + t / 7));
    return v * (1 + 0.05 * Math.cos(t / 11 + k));
  }));
}

/** A fresh target on SharedArrayBuffers. */
export function sharedTarget(samples: number): RenderTarget {
  return { audio: new Float32Array(new SharedArrayBuffer(samples * 4)), ready: new Int32Array(new SharedArrayBuffer(4)) };
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

export async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof NeurorackError, `expected a NeurorackError, got ${String(err)}`);
    assert.equal(err.code, code, err.describe());
    return true;
  });
}
