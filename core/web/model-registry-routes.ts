import type { FastifyInstance } from 'fastify';
import { NeurorackError } from '../errors/neurorack-error';
import { objectBody, stringParam } from './request-fields';
import type { ModelRegistryPort, WebHost } from './web-host';

/** A model id as a registry index may list it (model-index.ts checks the same). */
const MODEL_ID = /^[a-z0-9][a-z0-9.-]{0,62}$/;

/**
 * Model registries for the panel:
 * GET /api/models/registries (the rack's model.registries); POST /api/models/registries
 * {registries} (replaces them; saved in a user's rack file); GET /api/models/registry?registry=URL
 * (its models: name, id, version, runtime, size, whether installed and whether this host has the
 * runtime); POST /api/models/registry/install {registry, id, force?} (installed and verified as
 * `model install ID --registry URL` does; the model list shows it at once, and a model playing
 * that it replaced plays its new copy). A registry must be one the rack names.
 */
export function registerModelRegistryRoutes(app: FastifyInstance, host: WebHost): void {
  const port = (where: string): ModelRegistryPort => {
    if (!host.modelRegistries) throw new NeurorackError('NR_WEB_HOST_NOT_WIRED', `${where}: this host has no model registries`);
    return host.modelRegistries;
  };

  app.get('/api/models/registries', async () => ({ registries: port('GET /api/models/registries').registries() }));

  app.post('/api/models/registries', { bodyLimit: 64 * 1024 }, async (request) => {
    const where = 'POST /api/models/registries';
    return port(where).setRegistries(objectBody(request.body, where).registries);
  });

  app.get('/api/models/registry', async (request, reply) => {
    const where = 'GET /api/models/registry';
    reply.header('cache-control', 'no-store');
    return port(where).list(stringParam(request.query, 'registry', where));
  });

  app.post('/api/models/registry/install', { bodyLimit: 8 * 1024 }, async (request) => {
    const where = 'POST /api/models/registry/install';
    const body = objectBody(request.body, where);
    const registry = stringParam(body, 'registry', where);
    const id = stringParam(body, 'id', where);
    if (!MODEL_ID.test(id)) throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: expected a model id (lower-case letters, digits, "." and "-", 1 to 63 characters), found ${JSON.stringify(id)}`, { pointer: '/id' });
    return port(where).installFromRegistry(registry, id, body.force === true);
  });
}
