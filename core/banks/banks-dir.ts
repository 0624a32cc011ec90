import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The environment variable that moves the user's bank folder. */
export const BANKS_DIR_ENV = 'NEURORACK_BANKS_DIR';

/**
 * Where the user's installed banks live: `--dir` if given, else $NEURORACK_BANKS_DIR, else
 * ~/.neurorack/banks. Relative paths resolve against `cwd`.
 */
export function userBanksDir(opts: { dir?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  if (opts.dir) return resolve(cwd, opts.dir);
  const fromEnv = env[BANKS_DIR_ENV];
  if (fromEnv) return resolve(cwd, fromEnv);
  return join(homedir(), '.neurorack', 'banks');
}
