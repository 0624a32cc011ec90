import Module from 'node:module';

/** What a plugin writes to use the host: `require('neurorack/sdk')` / `import ... from 'neurorack/sdk'`. */
export const SDK_MODULE = 'neurorack/sdk';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

let provided = false;

/**
 * Makes `neurorack/sdk`, required from any plugin this thread loads, resolve to this host's own
 * compiled SDK, as VCV Rack's plugins link against the running Rack. An npm plugin installed
 * beside the host has no `neurorack` in its node_modules (the SDK is an optional peer), and one
 * that had a copy would get a second NeurorackError class and theme; either way it gets the
 * host's. Every other request resolves as Node resolves it. Idempotent; per thread (each worker
 * that loads plugins calls it through the loader).
 */
export function provideSdkToPlugins(): void {
  if (provided) return;
  provided = true;
  const sdkFile = require.resolve('../sdk/index');
  // Node has no public synchronous resolve hook for CommonJS in Node 20; _resolveFilename is the
  // one every module-alias tool patches, and it is left to resolve everything but this one name.
  const modules = Module as unknown as { _resolveFilename: ResolveFilename };
  const resolveAsNode = modules._resolveFilename;
  modules._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    return request === SDK_MODULE ? sdkFile : resolveAsNode.call(this, request, parent, isMain, options);
  };
}
