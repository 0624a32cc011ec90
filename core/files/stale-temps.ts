import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** A temporary file of ours older than this is left over from a process that was killed mid-write. */
export const STALE_TEMP_MS = 60_000;

/** The temporary files writeFileAtomic makes beside a target: `.NAME.PID.HEX12.tmp`. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.([0-9a-f]{12})\.tmp$/;

/** The temporary file name of `target`'s basename for this process. */
export function tempName(targetName: string, suffix: string): string {
  return `.${targetName}.${process.pid}.${suffix}.tmp`;
}

/**
 * Removes the temporary files of atomic writes left in `dir` by writers that were killed: our
 * name pattern, older than STALE_TEMP_MS, their process gone (or this one). `onlyFor` restricts
 * it to one target's temporaries. With `depth` 1 the subfolders are swept too (a bank folder per
 * bank). Returns the paths removed; a folder that cannot be read is skipped.
 */
export async function removeStaleTemps(dir: string, options: { onlyFor?: string; depth?: number } = {}): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  const now = Date.now();
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if ((options.depth ?? 0) > 0) removed.push(...(await removeStaleTemps(path, { ...options, depth: options.depth! - 1 })));
      continue;
    }
    const m = TEMP_NAME.exec(entry.name);
    if (!m || !entry.isFile() || (options.onlyFor !== undefined && m[1] !== options.onlyFor)) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && alive(pid)) continue;
    const st = await fs.lstat(path).catch(() => undefined);
    if (!st?.isFile() || now - st.mtimeMs < STALE_TEMP_MS) continue;
    await fs.rm(path, { force: true }).then(() => removed.push(path), () => undefined);
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
