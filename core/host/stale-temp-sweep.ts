import { dirname } from 'node:path';
import { userBanksDir } from '../banks/banks-dir';
import { removeStaleTemps } from '../files/stale-temps';
import { userTimbresRoot } from '../model-runtime/user-timbres';

/** The folders the running host writes into atomically. */
export interface HostFolders {
  /** Settings and calibration (durable JSON files). */
  readonly stateDir: string;
  /** The rack file, when the host runs one (registries and calibration are saved into it). */
  readonly rackFile?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Removes what writes killed mid-way left in the host's folders (issue #27): the temporary files
 * of atomic writes (core/files/atomic-write.ts) in the state folder, the rack file's folder, the
 * user's bank folders and timbre folders, when their writer is gone and they are over a minute old.
 * A write cleans its own target's leftovers too, but a file never written again kept them for good.
 */
export async function sweepStaleTemps(folders: HostFolders): Promise<string[]> {
  const env = folders.env ?? process.env;
  const sweeps: Array<[string, number]> = [
    [folders.stateDir, 0],
    [userBanksDir({ env }), 1],
    [userTimbresRoot(env), 1],
  ];
  if (folders.rackFile) sweeps.push([dirname(folders.rackFile), 0]);
  const removed: string[] = [];
  for (const [dir, depth] of sweeps) removed.push(...(await removeStaleTemps(dir, { depth })));
  return removed;
}
