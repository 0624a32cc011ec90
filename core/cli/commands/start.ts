import { Host } from '../../host/host';
import type { RegisterCommand } from './index';
import { rackOptions, rackSourceFrom } from './rack-options';

export const register: RegisterCommand = (program, ctx) => {
  rackOptions(program.command('start').description('run the host (default profile: virtual, the whole module emulated)'))
    .action(async (opts: { profile?: string; rack?: string }) => {
      const host = await Host.boot(rackSourceFrom(opts), {
        onProgress: (step, fraction) => ctx.stderr.write(`neurorack: boot ${Math.round(fraction * 100)}% ${step}\n`),
      });
      const rack = host.container.resolve((await import('../../container/tokens')).Tokens.Rack).config;
      ctx.stdout.write(`Neurorack ready in ${Math.round(host.coldStartMs)} ms: profile ${rack.name}, model ${host.model.info?.id ?? host.model.renderer.id}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      ctx.stderr.write('neurorack: stopping\n');
      await host.stop();
    });
};
