import type { FastifyInstance } from 'fastify';
import { NeurorackError } from '../errors/neurorack-error';
import type { ModelsPort, WebHost } from './web-host';

/**
 * The models for the panel, as the module's Models page offers them:
 * GET /api/models (installed models, the playing one, its timbres and the one it plays),
 * POST /api/models/select {id} (loads it while the current one plays, then crossfades),
 * POST /api/models/timbre {name} (the playing model plays that timbre; the sound re-renders).
 * Requests resolve when the host accepted them; the next GET shows the change.
 */
export function registerModelRoutes(app: FastifyInstance, host: WebHost): void {
  const models = (where: string): ModelsPort => {
    if (!host.models) throw new NeurorackError('NR_WEB_HOST_NOT_WIRED', `${where}: this host offers no model choice`);
    return host.models;
  };
  app.get('/api/models', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return models('GET /api/models').view();
  });
  app.post('/api/models/select', { bodyLimit: 1024 }, async (request) => {
    const where = 'POST /api/models/select';
    const port = models(where);
    const id = field(request.body, 'id', where);
    if (!port.view().models.some((m) => m.id === id)) {
      throw new NeurorackError('NR_WEB_NOT_FOUND', `${where}: expected the id of an installed model (${port.view().models.map((m) => m.id).join(', ')}), found "${id}"`, { pointer: '/id' });
    }
    await port.select(id);
    return { accepted: true };
  });
  app.post('/api/models/timbre', { bodyLimit: 1024 }, async (request) => {
    const where = 'POST /api/models/timbre';
    const port = models(where);
    await port.selectTimbre(field(request.body, 'name', where));
    return { accepted: true };
  });
}

function field(body: unknown, key: string, where: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) {
    throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: expected a JSON body {"${key}": "..."} (1 to 64 characters)`, { pointer: `/${key}` });
  }
  return v;
}
