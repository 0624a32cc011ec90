import { NeurorackError } from '../errors/neurorack-error';
import { loadModelFolder } from './model-runtimes';
import type { PluginLoader } from '../plugins/plugin-loader';

/**
 * Loads the model folder `dir` (unpacked from `from`) through its runtime plugin and releases it:
 * the runtime's own checks (schema, hashes, golden vector). A refusal names the package, not the
 * temporary folder it was unpacked into.
 */
export async function checkWithRuntime(loader: PluginLoader, dir: string, from: string): Promise<void> {
  try {
    await (await loadModelFolder(loader, dir, { warmUp: false }, from)).dispose();
  } catch (err) {
    if (!(err instanceof NeurorackError) || from === dir) throw err;
    const inside = err.location.file?.startsWith(dir) ? err.location.file.slice(dir.length + 1) : undefined;
    throw new NeurorackError(err.code, `${inside ? `${inside} in the package: ` : ''}${err.message}`, { ...err.location, file: from }, { cause: err });
  }
}
