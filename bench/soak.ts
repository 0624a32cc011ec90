import 'reflect-metadata';
import { buildContainer } from '../core/container/build-container';
import { Tokens } from '../core/container/tokens';
import { fallbackEntries } from '../core/engine/default-entries';
import { replayEntries } from '../core/engine/replay/replay-entries';
import { runReplay } from '../core/engine/replay/replay-runner';
import { ThreadedAdditiveRenderer } from '../core/engine/threaded-additive-renderer';
import { standardReplay } from './latency';

/**
 * `npm run bench:soak`: SOAK_SECONDS (default 600) of real time, all four CVs moving, gates at
 * 20 Hz, a model or bank switch every 10 s; reports xruns and resident memory growth from minute 1
 * to the end.
 */
async function soak(): Promise<void> {
  const seconds = Number(process.env['SOAK_SECONDS'] ?? 600);
  const c = buildContainer({ profile: 'virtual' });
  const banks = [await replayEntries(undefined, '0', '1'), await replayEntries(undefined, '2', '3'), { ...fallbackEntries(), source: 'fallback' }];
  const renderers = [new ThreadedAdditiveRenderer('additive-a'), new ThreadedAdditiveRenderer('additive-b')];
  const rss: number[] = [];
  const result = await runReplay({
    config: c.resolve(Tokens.Rack).config, replay: standardReplay(seconds, 20) as never, plugins: c.resolve(Tokens.Plugins),
    renderer: renderers[0]!, entries: banks[0]!, realtime: true,
    switchEvery: { seconds: 10, renderers, banks },
    onSecond: (s) => {
      rss[s] = process.memoryUsage().rss;
      if (s % 60 === 0) process.stdout.write(`${s} s: rss ${(rss[s]! / 2 ** 20).toFixed(1)} MiB\n`);
    },
  });
  for (const r of renderers) await r.close();
  const first = rss[Math.min(60, rss.length - 1)]!;
  const last = rss[rss.length - 1]!;
  const m = result.metrics;
  process.stdout.write(`xruns ${m.xruns} (target 0); rss ${(first / 2 ** 20).toFixed(1)} -> ${(last / 2 ** 20).toFixed(1)} MiB, growth ${(((last - first) / first) * 100).toFixed(1)} % (target < 10 %); gates ${m.gate_to_sound_ms.length}, gate p99 ${m.gate_to_sound_p99_ms} ms, cv p99 ${m.cv_to_audible_p99_ms} ms\n`);
}

void soak();
