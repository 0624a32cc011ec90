import { Tokens } from '../../container/tokens';
import type { NeurorackError } from '../../errors/neurorack-error';
import { Host } from '../../host/host';
import { installPluginFaults, type PluginFaults } from '../../host/plugin-faults';
import type { PluginLoader } from '../../plugins/plugin-loader';
import { audioProgress } from '../../service/audio-progress';
import { systemdNotifier } from '../../service/sd-notify';
import { stateDir } from '../../state/state-dir';
import { sweepStaleTemps } from '../../host/stale-temp-sweep';
import type { RegisterCommand } from './index';
import { rackOptions, rackSourceFrom } from './rack-options';
import { formatPairingCode } from '../../web/pairing';

/** How long a host that failed to start may take to stop before the command gives up on it. */
const STOP_ON_FAILURE_MS = 500;

async function stopWithin(host: Host, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([host.stop().catch(() => undefined), late]);
  clearTimeout(timer);
}

export const register: RegisterCommand = (program, ctx) => {
  rackOptions(program.command('start').description('run the host (default profile: virtual, the whole module emulated)'))
    .option('--host <address>', 'address the web panel binds to (default from the rack: 127.0.0.1)')
    .option('--port <n>', 'port of the web panel (default from the rack: 8787; 0 picks a free one)', (v) => Number(v))
    .option('--no-web', 'do not serve the browser panel')
    .option('--state-dir <dir>', 'where settings and calibration are kept (default $NEURORACK_STATE_DIR, else ~/.neurorack/state)')
    .action(async (opts: { profile?: string; rack?: string; host?: string; port?: number; web: boolean; stateDir?: string }) => {
      const source = rackSourceFrom(opts);
      let booted: Host | undefined;
      let early: PluginLoader | undefined;
      const faults = guardPluginFaults(() => early, () => booted, ctx.stderr);
      const state = stateDir({ dir: opts.stateDir, cwd: ctx.cwd });
      const host = await Host.boot(source, {
        onContainer: (c) => (early = c.resolve(Tokens.Plugins)),
        recordAudio: false,
        stateDir: state,
        onProgress: (step, fraction) => ctx.stderr.write(`neurorack: boot ${Math.round(fraction * 100)}% ${step}\n`),
      });
      booted = host;
      faults.flush();
      const rack = host.container.resolve(Tokens.Rack).config;
      // From the process's start (performance's time origin), as the replay metrics' boot_ms.ready.
      ctx.stdout.write(`Neurorack ready in ${Math.round(performance.now())} ms: profile ${rack.name}, model ${host.engine.playing ?? host.engine.stats().modelId}\n`);
      let web: Awaited<ReturnType<typeof import('../../host/start-web').startWeb>> | undefined;
      try {
        // The web server (fastify and its plugins) is loaded only now, a module a turn: nothing the
        // first sound needs waits for it, and the encoder and the screen wait for no more than a module.
        web = opts.web ? await (await (await import('../../host/load-web')).loadStartWeb())(host, { host: opts.host, port: opts.port }) : undefined;
      } catch (err) {
        // Fatal: the panel was asked for and cannot be served. Stop the host (bounded, so the
        // process still exits within a second) and let the error end the command.
        await stopWithin(host, STOP_ON_FAILURE_MS);
        throw err;
      }
      // After the first sound: nothing the module plays waits for the sweep.
      void sweepStaleTemps({ stateDir: state, ...('rackFile' in source ? { rackFile: source.rackFile } : {}) }).then((removed) => {
        if (removed.length) ctx.stderr.write(`neurorack: removed ${removed.length} temporary file${removed.length === 1 ? '' : 's'} left by an interrupted write: ${removed.join(', ')}\n`);
      });
      if (web) {
        const code = web.server.pairingCode();
        ctx.stdout.write(`Panel: ${web.url}${code ? `  (pairing code ${formatPairingCode(code)}, also on the module's About page)` : ''}\n`);
      }
      // Under systemd (Type=notify): ready once the host plays, then watchdog pings from this loop,
      // only while the audio worker's block counter advances.
      const notifier = systemdNotifier();
      notifier.ready(`playing on profile ${rack.name}`, audioProgress(() => host.audio.blocksProduced));
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      ctx.stderr.write('neurorack: stopping\n');
      notifier.stopping();
      notifier.close();
      await web?.server.close();
      await host.stop();
      faults.uninstall();
    });
};

/**
 * Plugin faults (issue #27): an error or rejection from a plugin's code after activation marks that
 * plugin failed, names it in the log and on the module's screen, and the host goes on. Faults
 * during boot are attributed by the host's plugin loader as soon as its container is built (`early`;
 * no plugin code runs on this thread before) and reported once the host is up. Only main-thread
 * code is covered; the control thread's mappings fault in their own worker.
 */
function guardPluginFaults(early: () => PluginLoader | undefined, host: () => Host | undefined, stderr: NodeJS.WritableStream): PluginFaults & { flush(): void } {
  const pending: Array<[string, NeurorackError]> = [];
  const report = (h: Host, id: string, err: NeurorackError) => {
    h.container.resolve(Tokens.Plugins).markFailed(id, err);
    h.live.toast(err.message, 'error', err.code);
  };
  const faults = installPluginFaults({
    plugins: () => (host()?.container.resolve(Tokens.Plugins) ?? early())?.list().map((p) => ({ id: p.id, dir: p.dir })) ?? [],
    onFault: (id, err) => {
      stderr.write(`neurorack: ${err.describe()}\n`);
      const h = host();
      if (h) report(h, id, err);
      else pending.push([id, err]);
    },
  });
  return {
    ...faults,
    counts: faults.counts,
    flush: () => {
      const h = host();
      if (h) for (const [id, err] of pending.splice(0)) report(h, id, err);
    },
  };
}
