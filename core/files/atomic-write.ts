import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { removeStaleTemps, STALE_TEMP_MS, tempName } from './stale-temps';

export { STALE_TEMP_MS };

/** Symlinks followed before giving up (as the kernel's ELOOP). */
const MAX_LINKS = 40;

/**
 * Writes `data` to `file` so that readers see either the old file or the complete new one, never a
 * part: the data goes to a temporary file in the same folder (same file system, so rename is
 * atomic), is flushed, then renamed over `file`, and the folder is flushed so the rename survives a
 * power cut. On failure the temporary file is removed.
 *
 * - A symlink is written through: its final target is replaced and the link stays a link.
 * - An existing file keeps its permission bits (a 0600 rack file stays 0600) and, where the
 *   process may, its owner; a new file gets the default mode (0666 less the umask).
 * - Temporary files this function left beside the target when a process was killed mid-write
 *   (its own name pattern, older than a minute, their writer gone) are removed first.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const out = await openFileAtomic(file);
  try {
    await out.handle.writeFile(data);
  } catch (err) {
    await out.abort();
    throw err;
  }
  await out.commit();
}

/** A file being written atomically: write through `handle`, then `commit()` or `abort()`. */
export interface AtomicFile {
  /** The temporary file, open for writing (positional writes allowed). */
  readonly handle: fs.FileHandle;
  /** Flushes the temporary file, renames it over the target and flushes the folder. */
  commit(): Promise<void>;
  /** Closes and removes the temporary file; the target is untouched. */
  abort(): Promise<void>;
}

/**
 * The streaming form of {@link writeFileAtomic}, for output too large to hold in memory (a long
 * recording): the same temporary file, mode, owner, symlink and stale-temp rules; readers see the
 * old file until `commit()`.
 */
export async function openFileAtomic(file: string): Promise<AtomicFile> {
  const target = await finalTarget(file);
  const dir = dirname(target);
  await removeStaleTemps(dir, { onlyFor: basename(target) });
  const existing = await fs.stat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const tmp = join(dir, tempName(basename(target), randomBytes(6).toString('hex')));
  const handle = await fs.open(tmp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  let open = true;
  const abort = async (): Promise<void> => {
    if (open) await handle.close().catch(() => undefined);
    open = false;
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  };
  try {
    if (existing) {
      await handle.chmod(existing.mode & 0o7777); // open's mode is filtered by the umask
      if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) await handle.chown(existing.uid, existing.gid).catch(() => undefined);
    }
  } catch (err) {
    await abort();
    throw err;
  }
  const commit = async (): Promise<void> => {
    try {
      await handle.sync();
      await handle.close();
      open = false;
      await fs.rename(tmp, target);
    } catch (err) {
      await abort();
      throw err;
    }
    await syncDir(dir);
  };
  return { handle, commit, abort };
}

/** The file a path finally names, following symlinks (a dangling one names the file it would create). */
async function finalTarget(file: string): Promise<string> {
  let path = resolve(file);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let link: string;
    try {
      link = await fs.readlink(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EINVAL' || code === 'ENOENT') return path; // not a link, or not there yet
      throw err;
    }
    path = resolve(dirname(path), link);
  }
  const err = new Error(`ELOOP: too many symbolic links, ${file}`) as NodeJS.ErrnoException;
  err.code = 'ELOOP';
  throw err;
}

/** Flushes a folder's entries (the rename) to disk; a file system that cannot is left as it is. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EPERM') throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
