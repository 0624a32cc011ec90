import 'reflect-metadata';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runReplay } from '../core/host/replay-runner';
import { installModelCopy } from '../test/helpers/second-model';
import { describeAudioThreads } from './describe-audio-threads';
import { standardReplay } from './latency';

const DEFAULT_MODEL = 'sinc-nsf-impacts-v1';
/** A model and bank-entry switch every this many seconds. */
const SWITCH_SECONDS = 10;

/**
 * `npm run bench:soak`: SOAK_SECONDS (default 600) of real time on the virtual profile with the
 * shipped model: all four CVs moving, gates at 20 Hz, a model switch (through the host's model
 * switching, as the menu does it) and a bank-entry switch every 10 s. Reports xruns and resident
 * memory growth from minute 1 to the end.
 */
async function soak(): Promise<void> {
  const seconds = Number(process.env['SOAK_SECONDS'] ?? 600);
  // A second installed model (a copy of the default under another id), so every switch loads and crossfades.
  const second = installModelCopy(DEFAULT_MODEL);
  process.env['NEURORACK_MODELS_DIR'] = second.dir;
  const models = [DEFAULT_MODEL, second.id];
  const rss: number[] = [];
  // The control thread's stalls: they delay gates, CV and renders (and starve the device where it feeds it).
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  // The second each xrun fell in, once per xrun: bunched after switches, or spread evenly?
  const xrunSeconds: number[] = [];
  let lastXruns = 0;
  const result = await runReplay({
    source: { profile: 'virtual' }, replay: standardReplay(seconds, 20) as never, realtime: true, record: false,
    switchEvery: { seconds: SWITCH_SECONDS, models, entries: [{ a: '0', b: '1' }, { a: '2', b: '3' }, { a: '4', b: '5' }] },
    onError: (e) => process.stderr.write(`soak: ${e.describe()}\n`),
    onSecond: (s, xruns) => {
      rss[s] = process.memoryUsage().rss;
      for (; lastXruns < xruns; lastXruns++) xrunSeconds.push(s - 1);
      if (s % 60 === 0) {
        const m = process.memoryUsage();
        const mib = (n: number) => (n / 2 ** 20).toFixed(1);
        process.stdout.write(`${s} s: rss ${mib(m.rss)} MiB (main thread's JS heap ${mib(m.heapUsed)}, array buffers ${mib(m.arrayBuffers)}); xruns ${xruns}; ` +
          `control thread's longest stall this minute ${(stalls.max / 1e6).toFixed(1)} ms (p99.9 ${(stalls.percentile(99.9) / 1e6).toFixed(1)})\n`);
        stalls.reset();
      }
    },
  });
  const first = rss[Math.min(60, rss.length - 1)]!;
  const last = rss[rss.length - 1]!;
  const m = result.metrics;
  const audio = m.scheduler['engine-audio'];
  const afterSwitch = new Array<number>(SWITCH_SECONDS).fill(0);
  for (const s of xrunSeconds) afterSwitch[s % SWITCH_SECONDS]!++;
  process.stdout.write(
    `model ${m.model}; ${seconds} s; xruns ${m.xruns} (target 0); rss ${(first / 2 ** 20).toFixed(1)} -> ${(last / 2 ** 20).toFixed(1)} MiB, growth ${(((last - first) / first) * 100).toFixed(1)} % (target < 10 %); ` +
      `renders ${m.renders} (failed ${m.render_failures}); gates ${m.gate_to_sound_ms.length}, gate p99 ${m.gate_to_sound_p99_ms} ms, cv p99 ${m.cv_to_audible_p99_ms} ms\n` +
      `xruns by second after a switch (0..${SWITCH_SECONDS - 1}): ${afterSwitch.join(' ')}; in seconds ${xrunSeconds.join(' ') || '-'}\n` +
      (audio ? `audio task (control thread's grants): misses ${audio.misses}, max lateness ${audio.maxLatenessMs?.toFixed(1)} ms, p99 ${audio.p99LatenessMs?.toFixed(2)} ms\n` : '') +
      describeAudioThreads(m.audio_threads),
  );
}

void soak();
