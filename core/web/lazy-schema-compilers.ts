import type { FastifyServerOptions } from 'fastify';
import { createRequire } from 'node:module';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Factory = (...args: unknown[]) => unknown;

/**
 * Fastify's own default schema compilers (Ajv for request validation, fast-json-stringify for
 * replies), each loaded the first time a route declares a schema of its kind. Fastify loads both
 * when a server is built: about 45 ms of module loading on a quiet machine, more while the
 * module has just started playing, all of it on the main thread, where the encoder poll
 * and the screen wait for it. No route of the panel declares a schema today, so a host does not
 * load them at all; a route that does gets exactly fastify's defaults (resolved from fastify's own
 * dependencies), one compiler of each kind, built once.
 */
export function lazySchemaCompilers(): CompilersFactory {
  const fromFastify = createRequire(require.resolve('fastify'));
  let validator: Factory | undefined;
  let serializer: Factory | undefined;
  return {
    buildValidator: ((...args: unknown[]) => (validator ??= (fromFastify('@fastify/ajv-compiler') as () => Factory)())(...args)) as CompilersFactory['buildValidator'],
    buildSerializer: ((...args: unknown[]) => (serializer ??= (fromFastify('@fastify/fast-json-stringify-compiler') as () => Factory)())(...args)) as CompilersFactory['buildSerializer'],
  };
}
