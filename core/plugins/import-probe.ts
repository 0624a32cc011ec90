import { Worker } from 'node:worker_threads';
import { NeurorackError } from '../errors/neurorack-error';

/** How long a third-party plugin's entry module may take to import before the plugin is marked failed. */
export const PLUGIN_IMPORT_TIMEOUT_MS = 5_000;

/** Runs in the probe thread: gives plugins the host's SDK (as the loader does), imports the entry, says so, and is terminated. */
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
try { require('reflect-metadata'); } catch {}
try { require(workerData.sdkResolution).provideSdkToPlugins(); } catch {}
try { require(workerData.entry); parentPort.postMessage('imported'); }
catch { parentPort.postMessage('threw'); }
`;

/**
 * Imports a plugin's entry module in a thread of its own first, so that one that busy-loops (or
 * waits forever) at import costs the host at most `timeoutMs`, not its whole length: a `require`
 * on the main thread cannot be interrupted. Resolves once the import finishes there (an import
 * that throws resolves too: the host's own import then reports NR_PLUGIN_ENTRY_THREW); rejects with
 * NR_PLUGIN_IMPORT_TIMEOUT naming the plugin when it takes longer. The probe thread is always
 * terminated, whatever the module left running.
 */
export function probeImport(entry: string, plugin: string, manifestFile: string, timeoutMs: number = PLUGIN_IMPORT_TIMEOUT_MS): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(PROBE, { eval: true, workerData: { entry, sdkResolution: require.resolve('./sdk-resolution') }, stdout: true, stderr: true });
    worker.unref();
    let settled = false;
    const finish = (err?: NeurorackError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => finish(new NeurorackError(
      'NR_PLUGIN_IMPORT_TIMEOUT',
      `importing the entry of plugin "${plugin}" did not finish within ${timeoutMs} ms (tried in a thread of its own, so the host did not wait longer); expected the module to load without long work at import, doing any in activate()`,
      { file: manifestFile, pointer: '/entry', plugin },
    )), timeoutMs);
    worker.once('message', () => finish());
    worker.once('error', () => finish());
    worker.once('exit', () => finish());
  });
}
