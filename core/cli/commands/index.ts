import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

/**
 * A CLI command module: registers its sub-command(s) on the program. The action sets
 * `process.exitCode` only through thrown NeurorackErrors (main maps them to exit 1 or 2) or by
 * returning normally (exit 0).
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Every command module, in the order `neurorack --help` lists them. Add one line per module. */
export const commandModules: ReadonlyArray<() => RegisterCommand> = [
  () => (require('./start') as typeof import('./start')).register,
  () => (require('./plugins') as typeof import('./plugins')).register,
  () => (require('./plugin') as typeof import('./plugin')).register,
  () => (require('./doctor') as typeof import('./doctor')).register,
  () => (require('./docs') as typeof import('./docs')).register,
  () => (require('./descriptors') as typeof import('./descriptors')).register,
  () => (require('./bank') as typeof import('./bank')).register,
  () => (require('./synth-impacts') as typeof import('./synth-impacts')).register,
  () => (require('./screenshot') as typeof import('./screenshot')).register,
  () => (require('./run') as typeof import('./run')).register,
  () => (require('./dataset') as typeof import('./dataset')).register,
  () => (require('./model') as typeof import('./model')).register,
  () => (require('./render') as typeof import('./render')).register,
  () => (require('./eval') as typeof import('./eval')).register,
  () => (require('./service') as typeof import('./service')).register,
];
