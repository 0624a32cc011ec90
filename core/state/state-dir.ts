import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The environment variable that moves the host's state folder (the systemd unit sets it to /var/lib/neurorack). */
export const STATE_DIR_ENV = 'NEURORACK_STATE_DIR';

/**
 * Where the host keeps settings and calibration: `dir` if given, else $NEURORACK_STATE_DIR, else
 * ~/.neurorack/state. Relative paths resolve against `cwd`.
 */
export function stateDir(opts: { dir?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  if (opts.dir) return resolve(cwd, opts.dir);
  const fromEnv = env[STATE_DIR_ENV];
  if (fromEnv) return resolve(cwd, fromEnv);
  return join(homedir(), '.neurorack', 'state');
}
