import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { NeurorackError } from '../errors/neurorack-error';
import { receiveUpload } from './model-upload';
import type { ModelsPort, WebHost } from './web-host';

/** The Content-Type a model package is uploaded with (the body is streamed, not parsed). */
export const MODEL_PACKAGE_CONTENT_TYPE = 'application/x-nrmodel';

/** Where and how large model uploads may be. */
export interface ModelUploadOptions {
  readonly maxBytes: number;
  /** Folder for the temporary upload file (default: the OS temporary folder). */
  readonly dir?: string;
}

/**
 * The models for the panel, as the module's Models page offers them:
 * GET /api/models (installed models, the playing one, its timbres and the one it plays),
 * POST /api/models/select {id} (loads it while the current one plays, then crossfades),
 * POST /api/models/timbre {name} (the playing model plays that timbre; the sound re-renders),
 * POST /api/models/install (a .nrmodel body as application/x-nrmodel, `?force=1` to replace an
 * installed id: streamed to a temporary file within the size limit, then installed by
 * `model install`'s own code, one at a time; the model list shows it at once).
 * Requests resolve when the host accepted them; the next GET shows the change.
 */
export function registerModelRoutes(app: FastifyInstance, host: WebHost, upload: ModelUploadOptions): void {
  app.addContentTypeParser(MODEL_PACKAGE_CONTENT_TYPE, (_req, payload, done) => done(null, payload));
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

  let installing = false;
  app.post('/api/models/install', async (request, reply) => {
    const where = 'POST /api/models/install';
    const port = models(where);
    if (!port.install) throw new NeurorackError('NR_WEB_HOST_NOT_WIRED', `${where}: this host cannot install models`);
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: expected the .nrmodel file as the body with Content-Type ${MODEL_PACKAGE_CONTENT_TYPE}`);
    }
    if (installing) {
      body.resume();
      reply.header('retry-after', '2');
      throw new NeurorackError('NR_WEB_BUSY', `${where}: another model is being installed; one installs at a time, try again when it finishes`);
    }
    installing = true;
    try {
      const declared = Number(request.headers['content-length']);
      const received = await receiveUpload(body, { maxBytes: upload.maxBytes, ...(Number.isFinite(declared) ? { declaredBytes: declared } : {}), ...(upload.dir ? { dir: upload.dir } : {}), name: 'upload.nrmodel', where }).catch((err: unknown) => {
        reply.header('connection', 'close');
        throw err;
      });
      try {
        return await port.install(received.file, { force: (request.query as Record<string, unknown>).force === '1' });
      } finally {
        received.dispose();
      }
    } finally {
      installing = false;
    }
  });
}

function field(body: unknown, key: string, where: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) {
    throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: expected a JSON body {"${key}": "..."} (1 to 64 characters)`, { pointer: `/${key}` });
  }
  return v;
}
