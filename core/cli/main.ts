import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { asNeurorackError, NeurorackError } from '../errors/neurorack-error';
import type { CliContext } from './cli-context';
import { commandModules } from './commands/index';
import { hostVersion } from '../host-version';
import { prestartHostThreads } from '../host/host-threads';
import { provideSdkToPlugins } from '../plugins/sdk-resolution';

/**
 * Builds the `neurorack` program; tests call this with their own streams. Given the command line,
 * only the module of the command it names is loaded (each pulls in its own dependencies: the host,
 * ONNX Runtime, the web server, canvas), which shortens every command's start and the module's boot
 * to sound; `--help`, `help` or an unknown command load them all.
 */
export function buildProgram(ctx: CliContext, argv?: readonly string[]): Command {
  const program = new Command('neurorack')
    .description('Neurorack host: deep-learning impact synthesizer for Eurorack')
    .version(hostVersion)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  const named = argv?.find((a) => !a.startsWith('-'));
  const only = commandModules.find((m) => m.name === named);
  for (const m of only ? [only] : commandModules) m.load()(program, ctx);
  program.commands.forEach(function override(cmd: Command): void {
    // Commander checks required options but does not say which they are in --help.
    for (const o of cmd.options) if (o.mandatory && !o.description.endsWith('(required)')) o.description = `${o.description} (required)`;
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
    cmd.commands.forEach(override);
  });
  return program;
}

/** Runs the CLI and resolves to the exit status: 0 ok, 1 runtime failure, 2 bad input or usage. */
export async function main(argv: string[], ctx: CliContext = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  // Plugins this command loads get this thread's own SDK (the bundle's, run from one).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  provideSdkToPlugins(() => require('../sdk'));
  const named = argv.find((a) => !a.startsWith('-'));
  if (commandModules.find((m) => m.name === named)?.bootsRealtimeHost?.(argv)) prestartHostThreads();
  const program = buildProgram(ctx, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0; // --help, --version
      return 2;
    }
    const nrErr: NeurorackError = asNeurorackError(err);
    ctx.stderr.write(`neurorack: ${nrErr.describe()}\n`);
    return nrErr.exitCode;
  }
}
