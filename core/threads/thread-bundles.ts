import { join } from 'node:path';
import { packageRoot } from '../paths';

/**
 * The threads a host boots on, each run from one bundled file (scripts/bundle-threads.js builds
 * them from the compiled entries named there): loading 20 to 320 compiled modules one file at a
 * time was most of each thread's boot. A bundle holds the host's own code; npm packages, plugins
 * and the schema validators load from their own files as before.
 */
export type ThreadBundle = 'neurorack-cli' | 'control-thread' | 'audio-thread' | 'bank-thread';

/** The bundled script of `thread` (dist/bundles/<thread>.js). */
export function threadBundle(thread: ThreadBundle): string {
  return join(packageRoot, 'dist', 'bundles', `${thread}.js`);
}
