import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

/**
 * A CLI command module: registers its sub-command(s) on the program. The action sets
 * `process.exitCode` only through thrown NeurorackErrors (main maps them to exit 1 or 2) or by
 * returning normally (exit 0).
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** A command module by the name of the command it registers, loaded only when called (see buildProgram). */
export interface CommandModule {
  readonly name: string;
  readonly load: () => RegisterCommand;
  /**
   * Whether this command line boots a real-time host (whose threads main then starts at once,
   * while the command's modules load: see prestartHostThreads).
   */
  readonly bootsRealtimeHost?: (args: readonly string[]) => boolean;
}

/** Every command module, in the order `neurorack --help` lists them. Add one line per module. */
export const commandModules: readonly CommandModule[] = [
  { name: 'start', load: () => (require('./start') as typeof import('./start')).register, bootsRealtimeHost: () => true },
  { name: 'plugins', load: () => (require('./plugins') as typeof import('./plugins')).register },
  { name: 'plugin', load: () => (require('./plugin') as typeof import('./plugin')).register },
  { name: 'doctor', load: () => (require('./doctor') as typeof import('./doctor')).register },
  { name: 'docs', load: () => (require('./docs') as typeof import('./docs')).register },
  { name: 'descriptors', load: () => (require('./descriptors') as typeof import('./descriptors')).register },
  { name: 'bank', load: () => (require('./bank') as typeof import('./bank')).register },
  { name: 'synth-impacts', load: () => (require('./synth-impacts') as typeof import('./synth-impacts')).register },
  { name: 'screenshot', load: () => (require('./screenshot') as typeof import('./screenshot')).register },
  { name: 'run', load: () => (require('./run') as typeof import('./run')).register, bootsRealtimeHost: (args) => args.includes('--realtime') },
  { name: 'dataset', load: () => (require('./dataset') as typeof import('./dataset')).register },
  { name: 'model', load: () => (require('./model') as typeof import('./model')).register },
  { name: 'render', load: () => (require('./render') as typeof import('./render')).register },
  { name: 'eval', load: () => (require('./eval') as typeof import('./eval')).register },
  { name: 'service', load: () => (require('./service') as typeof import('./service')).register },
];
