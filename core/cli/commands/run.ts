import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildContainer } from '../../container/build-container';
import { Tokens } from '../../container/tokens';
import { AdditiveRenderer } from '../../engine/additive-renderer';
import { ThreadedAdditiveRenderer } from '../../engine/threaded-additive-renderer';
import { loadReplay } from '../../engine/replay/replay-file';
import { replayEntries } from '../../engine/replay/replay-entries';
import { runReplay } from '../../engine/replay/replay-runner';
import { writeWav } from '../../engine/replay/write-wav';
import { NeurorackError } from '../../errors/neurorack-error';
import type { RegisterCommand } from './index';
import { rackOptions, rackSourceFrom } from './rack-options';

interface RunOpts {
  profile?: string;
  rack?: string;
  replay?: string;
  record?: string;
  frames?: string;
  metrics?: string;
  realtime?: boolean;
  bank?: string;
  entryA?: string;
  entryB?: string;
}

export const register: RegisterCommand = (program, ctx) => {
  rackOptions(program.command('run').description('play a replay script through the emulated module and record what it outputs'))
    .requiredOption('--replay <file>', 'replay script (schemas/replay.schema.json)')
    .option('--record <file>', 'write the sound card output as a WAV at its rate')
    .option('--frames <dir>', 'write screen frames as PNGs (when a screen is wired)')
    .option('--metrics <file>', 'write metrics JSON: xruns, gate_to_sound_ms, cv_to_audible_ms, cold_start_ms, scheduler')
    .option('--realtime', 'run on the real clock with the worker audio path (default: virtual clock, faster than real time)')
    .option('--bank <id|path>', 'descriptor bank for entries A and B (default: the first shipped bank)')
    .option('--entry-a <name|index>', 'entry A (CV1 at 0 V)', '0')
    .option('--entry-b <name|index>', 'entry B (CV1 at the top)', '1')
    .action(async (opts: RunOpts) => {
      const c = buildContainer(rackSourceFrom(opts, 'test'));
      const rack = c.resolve(Tokens.Rack);
      const replayFile = resolve(ctx.cwd, opts.replay!);
      const replay = loadReplay(replayFile, c.resolve(Tokens.Schemas));
      const entries = await replayEntries(opts.bank && resolveIfPath(ctx.cwd, opts.bank), opts.entryA, opts.entryB);
      // The neural model plugin is wired by the composition root once it lands; until then the
      // additive renderer (an honest, documented alternative) plays.
      const renderer = opts.realtime ? new ThreadedAdditiveRenderer() : new AdditiveRenderer();
      if (opts.frames) ctx.stderr.write('neurorack run: --frames: no screen is wired into the replay rig yet; no PNGs written\n');
      const result = await runReplay({
        config: rack.config, replay, plugins: c.resolve(Tokens.Plugins), renderer, entries, realtime: opts.realtime,
        onError: (err) => ctx.stderr.write(`neurorack run: ${err.describe()}\n`),
      });
      if (renderer instanceof ThreadedAdditiveRenderer) await renderer.close();
      if (opts.record) {
        const file = resolve(ctx.cwd, opts.record);
        mkdirSync(dirname(file), { recursive: true });
        writeWav(file, result.audio, result.sampleRate, result.channels);
      }
      if (opts.metrics) {
        const file = resolve(ctx.cwd, opts.metrics);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify({ ...result.metrics, entries: entries.source }, null, 2) + '\n');
      }
      const m = result.metrics;
      ctx.stdout.write(`replayed ${m.duration_s} s (${m.clock}), model ${m.model}, entries ${entries.source}: xruns ${m.xruns}, gates ${m.gate_to_sound_ms.length} (p99 ${m.gate_to_sound_p99_ms ?? '-'} ms), cv p99 ${m.cv_to_audible_p99_ms ?? '-'} ms\n`);
      if (!opts.record && !opts.metrics) throw new NeurorackError('NR_USAGE', 'nothing to write: give --record and/or --metrics');
    });
};

function resolveIfPath(cwd: string, v: string): string {
  return v.includes('/') || v.endsWith('.json') || v.endsWith('.nrbank') ? resolve(cwd, v) : v;
}
