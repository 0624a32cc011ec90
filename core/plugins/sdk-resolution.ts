import Module from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths';

/** What a plugin writes to use the host: `require('neurorack/sdk')` / `import ... from 'neurorack/sdk'`. */
export const SDK_MODULE = 'neurorack/sdk';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
interface ModuleInternals {
  _resolveFilename: ResolveFilename;
  _cache: Record<string, Module | undefined>;
}

let provided = false;
/** This thread's own SDK, from its entry (see provideSdkToPlugins). */
let ownSdk: (() => object) | undefined;

/**
 * Makes `neurorack/sdk`, required from any plugin this thread loads, the SDK this thread itself
 * runs, as VCV Rack's plugins link against the running Rack. An npm plugin installed beside the
 * host has no `neurorack` in its node_modules (the SDK is an optional peer), and one that had a
 * copy would get a second NeurorackError class and theme; either way it gets the host's. `sdk`,
 * from a thread's entry (the command line's, the control thread's), gives the SDK as this thread
 * holds it; the first time a plugin asks for it, it is entered in the module cache as the SDK's
 * compiled index. A thread run from a bundle (core/threads/thread-bundles.ts) holds its own copy
 * of the core, the SDK among it: a plugin then shares that copy's classes instead of loading the
 * compiled core a second time (without a bundle it is the same module either way). Without
 * `sdk`, the compiled index loads. Every other request resolves as Node resolves it. Idempotent;
 * per thread.
 */
export function provideSdkToPlugins(sdk?: () => object): void {
  ownSdk ??= sdk;
  if (provided) return;
  provided = true;
  const modules = Module as unknown as ModuleInternals;
  const sdkFile = join(packageRoot, 'dist', 'core', 'sdk', 'index.js');
  // Node has no public synchronous resolve hook for CommonJS in Node 20; _resolveFilename is the
  // one every module-alias tool patches, and it is left to resolve everything but this one name.
  const resolveAsNode = modules._resolveFilename;
  modules._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    if (request !== SDK_MODULE) return resolveAsNode.call(this, request, parent, isMain, options);
    if (ownSdk && !modules._cache[sdkFile]) {
      const entry = new Module(sdkFile);
      entry.filename = sdkFile;
      entry.exports = ownSdk();
      entry.loaded = true;
      modules._cache[sdkFile] = entry;
    }
    return sdkFile;
  };
}
