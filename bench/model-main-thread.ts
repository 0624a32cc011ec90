import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { paths } from '../core/paths';
import type { ModelRenderer, RenderTarget } from '../core/engine/model-renderer';
import { SincNsfModel } from '../plugins/model-sinc-nsf/sinc-nsf-model';

/**
 * `npm run bench:model-main-thread`: renders 3 s impacts with the shipped model, one after the
 * other, while measuring what the main thread feels: its event-loop delay (perf_hooks) and the
 * time until the first chunk of audio is published (renderInto's `ready`, observed from this
 * thread; a model without renderInto publishes nothing before render() resolves).
 * An idle stretch of the same thread is measured first: on a shared machine that is the floor.
 * BENCH_RENDERS (default 10) and BENCH_SECONDS (default 3) change the workload.
 */
function impact(model: SincNsfModel, frames: number, k: number): number[][] {
  const mean = model.manifest.normalisation.mean;
  return Array.from({ length: frames }, (_, t) => mean.map((v, i) => {
    if (i === 0) return v * 2 * Math.exp(-t / 25);
    if (i === mean.length - 1) return v * (1 + 0.1 * Math.sin(k + t / 9));
    return v;
  }));
}

function sharedTarget(samples: number): RenderTarget {
  return {
    audio: new Float32Array(new SharedArrayBuffer(samples * 4)),
    ready: new Int32Array(new SharedArrayBuffer(4)),
  };
}

type WaitAsync = (a: Int32Array, i: number, v: number) => { async: boolean; value: Promise<string> | string };

/** Milliseconds from now until ready[0] leaves 0, as this thread sees it. */
async function firstPublication(ready: Int32Array, t0: number): Promise<number> {
  const w = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(ready, 0, 0);
  if (w.async) await w.value;
  return performance.now() - t0;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function bench(): Promise<void> {
  const renders = Number(process.env['BENCH_RENDERS'] ?? 10);
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 3);
  const model = await SincNsfModel.load(join(paths.models, 'sinc-nsf-impacts-v1'));
  await model.warmUp();
  const renderer: ModelRenderer = model;
  const frames = Math.round((seconds * model.sampleRate) / model.hop);
  const progressive = typeof renderer.renderInto === 'function';
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await new Promise((r) => setTimeout(r, 1000));
  idle.disable();
  const first: number[] = [];
  const total: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let k = 0; k < renders; k++) {
    const curve = impact(model, frames, k);
    const t0 = performance.now();
    if (progressive) {
      const target = sharedTarget(frames * model.hop);
      const seen = firstPublication(target.ready, t0);
      await renderer.renderInto!(curve, k, target);
      total.push(performance.now() - t0);
      first.push(await seen);
    } else {
      await renderer.render(curve, k);
      total.push(performance.now() - t0);
      first.push(total[total.length - 1]!);
    }
  }
  delay.disable();
  await model.dispose();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const f = (x: number) => x.toFixed(1);
  process.stdout.write(`model ${model.id}; ${renders} renders of ${seconds} s (${frames} frames) one after another; ${progressive ? 'renderInto' : 'render (no renderInto)'}\n`);
  process.stdout.write(`idle event-loop delay ms max ${ms(idle.max)}  p99 ${ms(idle.percentile(99))}  (1 s, nothing rendering)\n`);
  process.stdout.write(`event-loop delay ms      max ${ms(delay.max)}  p99 ${ms(delay.percentile(99))}  mean ${ms(delay.mean)}\n`);
  process.stdout.write(`first chunk ms           median ${f(quantile(first, 0.5))}  max ${f(Math.max(...first))}\n`);
  process.stdout.write(`whole render ms          median ${f(quantile(total, 0.5))}  max ${f(Math.max(...total))}\n`);
}

if (require.main === module) void bench();
