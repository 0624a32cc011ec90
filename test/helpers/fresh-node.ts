import { execFileSync } from 'node:child_process';
import { packageRoot } from '../../core/paths';

/** Runs `script` in a fresh Node (the host's) in the package root and returns the last line it printed, parsed as JSON. */
export function inFreshNode(script: string): unknown {
  const out = execFileSync(process.execPath, ['-e', script], { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** A script expression: the modules loaded so far, as paths from the package root. */
export const LOADED_MODULES = 'Object.keys(require.cache).map((k) => k.slice(process.cwd().length + 1))';
