import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAudioThreads } from './describe-audio-threads';
import { main } from '../core/cli/main';

/**
 * `npm run bench:latency`: a standard 60 s replay (gates at 2 Hz on both jacks, all four CVs moving) on the
 * real clock through `neurorack run --realtime`, printing gate-to-sound, CV-to-audible, cold start,
 * xruns and the audio task's deadline figures against the targets.
 */
export function standardReplay(seconds: number, gateHz: number): { duration_s: number; events: unknown[] } {
  const events: Array<{ t: number } & Record<string, unknown>> = [];
  const period = 1 / gateHz;
  for (let t = 0.3; t < seconds - 0.2; t += period) {
    const jack = Math.floor(t / 5) % 4 === 3 ? 2 : 1;
    events.push({ t: +t.toFixed(4), type: 'gate', jack, state: 'high' }, { t: +(t + period / 2).toFixed(4), type: 'gate', jack, state: 'low' });
  }
  for (let t = 0.25; t < seconds; t += 0.1) {
    for (let jack = 1; jack <= 4; jack++) events.push({ t: +t.toFixed(4), type: 'cv', jack, volts: +(2.5 + 2.5 * Math.sin(t * (0.3 + jack * 0.17))).toFixed(3) });
  }
  events.sort((a, b) => a.t - b.t);
  return { duration_s: seconds, events };
}

async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nr-bench-'));
  writeFileSync(join(dir, 'replay.json'), JSON.stringify(standardReplay(Number(process.env['BENCH_SECONDS'] ?? 60), 2)));
  const code = await main(['run', '--profile', 'virtual', '--realtime', '--replay', join(dir, 'replay.json'), '--metrics', join(dir, 'metrics.json')]);
  if (code !== 0) process.exit(code);
  const m = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
  const blockTarget = m.block_ms + 1;
  const audio = m.scheduler['engine-audio'] ?? {};
  const line = (name: string, value: unknown, target: string) => process.stdout.write(`${name.padEnd(26)} ${String(value).padEnd(12)} target ${target}\n`);
  line('gate_to_sound p99 ms', m.gate_to_sound_p99_ms, `<= ${blockTarget.toFixed(2)} (one ${m.block_size}-frame block + 1 ms)`);
  line('cv_to_audible p99 ms', m.cv_to_audible_p99_ms, '< 50');
  line('cold_start ms', m.cold_start_ms, '< 1500');
  line('xruns', m.xruns, '0');
  if (m.scheduler['engine-audio']) {
    line('audio task misses', audio.misses, '-');
    line('audio task p99 late ms', audio.p99LatenessMs?.toFixed?.(3), '-');
  }
  process.stdout.write(describeAudioThreads(m.audio_threads));
  process.stdout.write(`model ${m.model}; gates ${m.gate_to_sound_ms.length}; metrics in ${join(dir, 'metrics.json')}\n`);
}

if (require.main === module) void bench();
