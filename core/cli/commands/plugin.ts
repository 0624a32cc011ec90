import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { hostVersion } from '../../host-version';
import { scaffoldPlugin, TEMPLATES } from '../../scaffold/scaffold-plugin';
import type { RegisterCommand } from './index';

/** `neurorack plugin new --kind KIND NAME [--out DIR]`: an out-of-tree plugin package, ready to validate, test and pack. */
export const register: RegisterCommand = (program, ctx) => {
  const plugin = program.command('plugin').description('write new plugins (see `plugins` to list and validate them)');
  plugin
    .command('new')
    .description('write an out-of-tree package neurorack-plugin-NAME: manifest, typed entry against neurorack/sdk, a test and a README')
    .argument('<name>', 'the plugin id (lower-case letters, digits and -)')
    .requiredOption('--kind <kind>', `what it offers: ${Object.keys(TEMPLATES).join(', ')}`)
    .option('--out <dir>', 'the package folder to write (default: ./neurorack-plugin-NAME)')
    .option('--author <name>', "plugin.json's and package.json's author (default: your user name)")
    .action((name: string, opts: { kind: string; out?: string; author?: string }) => {
      const dir = resolve(ctx.cwd, opts.out ?? `neurorack-plugin-${name}`);
      const written = scaffoldPlugin(opts.kind, name, dir, hostVersion, opts.author ?? userInfo().username);
      ctx.stdout.write(`wrote ${written.dir}:\n${written.files.map((f) => `  ${f}\n`).join('')}`);
      ctx.stdout.write(`next: neurorack plugins validate ${written.dir} --load\n`);
    });
};
