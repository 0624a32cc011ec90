import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { installedSchemas } from '../../schemas/schema-registry';
import { loadReplay } from '../../engine/replay/replay-file';
import { runReplay } from '../../host/replay-runner';
import { NeurorackError } from '../../errors/neurorack-error';
import type { RegisterCommand } from './index';
import { rackOptions, rackSourceFrom } from './rack-options';
import { formatPairingCode } from '../../web/pairing';

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
  model?: string;
  web?: true | string;
}

export const register: RegisterCommand = (program, ctx) => {
  rackOptions(program.command('run').description('play a replay script through the emulated module and record what it outputs'))
    .requiredOption('--replay <file>', 'replay script (schemas/replay.schema.json)')
    .option('--record <file>', 'write the sound card output as a WAV at its rate')
    .option('--frames <dir>', 'write a PNG of the screen each time it changes')
    .option('--metrics <file>', 'write metrics JSON: xruns, gate_to_sound_ms, cv_to_audible_ms, cold_start_ms, boot_ms (process start to each boot step and the first sound), scheduler')
    .option('--realtime', 'run on the real clock with the worker audio path (default: virtual clock, faster than real time)')
    .option('--bank <id|path>', 'descriptor bank for entries A and B (default: the first shipped bank)')
    .option('--entry-a <name|index>', 'entry A (CV1 at 0 V)')
    .option('--entry-b <name|index>', 'entry B (CV1 at the top)')
    .option('--model <id>', 'installed model to play (default: the rack\'s default model)')
    .option('--web [port]', 'serve the browser panel on the replay\'s host while it plays, as `neurorack start` does (port default from the rack; 0 picks a free one)')
    .action(async (opts: RunOpts) => {
      const source = rackSourceFrom(opts, opts.realtime ? 'virtual' : 'test');
      const replay = loadReplay(resolve(ctx.cwd, opts.replay!), installedSchemas());
      if (!opts.record && !opts.metrics && !opts.frames) throw new NeurorackError('NR_USAGE', 'nothing to write: give --record, --metrics and/or --frames');
      const web = opts.web === undefined ? undefined : { port: opts.web === true ? undefined : webPort(opts.web) };
      const record = opts.record && resolve(ctx.cwd, opts.record);
      if (record) mkdirSync(dirname(record), { recursive: true });
      const result = await runReplay({
        source, replay, realtime: opts.realtime, modelId: opts.model,
        recordTo: record,
        entries: { bank: opts.bank && resolveIfPath(ctx.cwd, opts.bank), a: opts.entryA, b: opts.entryB },
        framesDir: opts.frames && resolve(ctx.cwd, opts.frames),
        onError: (err) => ctx.stderr.write(`neurorack run: ${err.describe()}\n`),
        onBooted: web && (async (host) => {
          const startWeb = await (await import('../../host/load-web')).loadStartWeb();
          const served = await startWeb(host, web);
          const code = served.server.pairingCode();
          ctx.stdout.write(`Panel: ${served.url}${code ? `  (pairing code ${formatPairingCode(code)}, also on the module's About page)` : ''}\n`);
          return () => served.server.close();
        }),
      });
      if (opts.metrics) {
        const file = resolve(ctx.cwd, opts.metrics);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(result.metrics, null, 2) + '\n');
      }
      const m = result.metrics;
      ctx.stdout.write(`replayed ${m.duration_s} s (${m.clock}), model ${m.model}: xruns ${m.xruns}, gates ${m.gate_to_sound_ms.length} (p99 ${m.gate_to_sound_p99_ms ?? '-'} ms), cv p99 ${m.cv_to_audible_p99_ms ?? '-'} ms, ${result.frames.length} frames written\n`);
    });
};

function webPort(v: string): number {
  const port = Number(v);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new NeurorackError('NR_USAGE', `--web ${v}: expected a port number 0-65535 (0 picks a free one)`);
  return port;
}

function resolveIfPath(cwd: string, v: string): string {
  return v.includes('/') || v.endsWith('.json') || v.endsWith('.nrbank') ? resolve(cwd, v) : v;
}
