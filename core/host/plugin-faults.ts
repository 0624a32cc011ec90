import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NeurorackError } from '../errors/neurorack-error';

/** A plugin whose code may run in this process, by its folder. */
export interface PluginFolder {
  readonly id: string;
  readonly dir: string;
}

export interface PluginFaultOptions {
  /** The plugins that may own a fault (read at each fault, so a host booted later is seen). */
  readonly plugins: () => readonly PluginFolder[];
  /** A plugin's first fault, as a catalogued error naming it: mark it failed, toast, log. */
  readonly onFault: (pluginId: string, error: NeurorackError) => void;
  /** An error no plugin owns. Default: print it and end the process with status 1, as Node does. */
  readonly onUnowned?: (err: unknown, origin: 'uncaughtException' | 'unhandledRejection') => void;
}

export interface PluginFaults {
  /** Faults seen per plugin id (the first is reported, the rest counted). */
  readonly counts: ReadonlyMap<string, number>;
  uninstall(): void;
}

/**
 * Keeps a plugin's asynchronous faults from ending the host. An error thrown from a timer or an
 * event, or a promise rejected with nobody to catch it, reaches the process's
 * `uncaughtException` / `unhandledRejection`; when a frame of its stack (or of a cause's) lies in a
 * plugin's real folder, that plugin is reported once and the process goes on. Anything else ends
 * the process as it would without these handlers: a host fault must reach the supervisor.
 *
 * Handlers belong to a thread: the control thread installs its own for the plugins it runs (its
 * mappings and models), and reports their faults to the main thread.
 */
export function installPluginFaults(options: PluginFaultOptions): PluginFaults {
  const counts = new Map<string, number>();
  const unowned = options.onUnowned ?? endProcess;
  const handle = (origin: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    const owner = pluginOwning(err, realFolders(options.plugins()));
    if (!owner) return unowned(err, origin);
    const seen = (counts.get(owner.id) ?? 0) + 1;
    counts.set(owner.id, seen);
    if (seen > 1) return;
    const what = origin === 'uncaughtException' ? 'threw' : 'rejected a promise nobody caught';
    const message = err instanceof Error ? err.message : String(err);
    const error = new NeurorackError('NR_PLUGIN_FAULT', `plugin "${owner.id}" ${what} after activation: ${message}; expected its errors to be caught in its own code. The plugin is marked failed`, { file: owner.dir, plugin: owner.id }, { cause: err });
    try {
      options.onFault(owner.id, error);
    } catch (reportErr) {
      unowned(reportErr, origin);
    }
  };
  const onException = handle('uncaughtException');
  const onRejection = handle('unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    counts,
    uninstall: () => {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}

/** The plugin one of whose real folders holds a file named in the error's stack (or its causes'). */
export function pluginOwning(err: unknown, folders: readonly PluginFolder[]): PluginFolder | undefined {
  for (const file of stackFiles(err)) {
    const owner = folders.find((f) => file === f.dir || file.startsWith(f.dir.endsWith(sep) ? f.dir : f.dir + sep));
    if (owner) return owner;
  }
  return undefined;
}

/** File paths in the stack frames of `err` and its causes, top frame first. */
function stackFiles(err: unknown): string[] {
  const files: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    for (const m of (e.stack ?? '').matchAll(/(?:\(|at )((?:file:\/\/)?\/[^():\n]+):\d+:\d+\)?$/gm)) {
      const named = m[1]!;
      files.push(named.startsWith('file://') ? fileURLToPath(named) : named);
    }
  }
  return files;
}

/** Plugin folders as real paths (Node names a required file by its real path). */
function realFolders(folders: readonly PluginFolder[]): PluginFolder[] {
  return folders.map((f) => {
    try {
      return { id: f.id, dir: realpathSync(f.dir) };
    } catch {
      return f;
    }
  });
}

function endProcess(err: unknown): void {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
}
