import type { FastifyInstance } from 'fastify';
import { NeurorackError } from '../errors/neurorack-error';
import { MAX_AUDITION_FRAMES, MAX_DESIGNER_FRAMES, parseFrames } from './curve-frames';
import { assertBankId, assertSafeEntryName } from './names';
import type { WebHost } from './web-host';

/** JSON bodies carrying a curve: MAX_DESIGNER_FRAMES frames of seven numbers, generously. */
export const CURVE_BODY_LIMIT = MAX_DESIGNER_FRAMES * 7 * 26 + 4096;
/** The same for an audition: a longer body is refused before it is parsed. */
export const AUDITION_BODY_LIMIT = MAX_AUDITION_FRAMES * 7 * 26 + 4096;

/**
 * The curve designer's API:
 * GET /api/banks; GET /api/banks/:bankId/entries/:entry; POST /api/banks/:bankId/entries
 * {entry, frames, tags?, overwrite?}; POST /api/audition {frames, seed?} (at most
 * MAX_AUDITION_FRAMES, one at a time; Float32 audio back, rate in `x-sample-rate`); POST /api/banks/import (a .nrbank body, `?force=1` to replace);
 * GET /api/banks/:bankId/export (the .nrbank). Every name is checked before the host sees it.
 */
export function registerBankRoutes(app: FastifyInstance, host: WebHost, maxUploadBytes: number): void {
  app.addContentTypeParser(['application/octet-stream', 'application/gzip', 'application/x-nrbank'], { parseAs: 'buffer', bodyLimit: maxUploadBytes }, (_req, body, done) => done(null, body));

  app.get('/api/banks', async () => ({ banks: await host.listBanks() }));

  app.get('/api/banks/:bankId/entries/:entry', async (request) => {
    const { bankId, entry } = request.params as Record<string, string>;
    const where = 'GET /api/banks/:bankId/entries/:entry';
    assertBankId(bankId, where);
    assertSafeEntryName(entry, where);
    return host.readEntry(bankId, entry);
  });

  app.post('/api/banks/:bankId/entries', { bodyLimit: CURVE_BODY_LIMIT }, async (request) => {
    const { bankId } = request.params as Record<string, string>;
    const where = `POST /api/banks/${bankId}/entries`;
    assertBankId(bankId, where);
    const body = objectBody(request.body, where);
    assertSafeEntryName(body.entry, where);
    const frames = parseFrames(body.frames, where);
    const tags = body.tags === undefined ? undefined : stringArray(body.tags, where, '/tags');
    return host.saveEntry({ bankId, entry: body.entry, frames, tags, overwrite: body.overwrite === true });
  });

  // One audition at a time: each holds up to about 0.45 MB per frame while the model renders it.
  let auditioning = false;
  app.post('/api/audition', { bodyLimit: AUDITION_BODY_LIMIT }, async (request, reply) => {
    const body = objectBody(request.body, 'POST /api/audition');
    const frames = parseFrames(body.frames, 'POST /api/audition', MAX_AUDITION_FRAMES);
    const seed = body.seed === undefined ? 0 : body.seed;
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `POST /api/audition: seed is ${JSON.stringify(seed)}; expected an integer in [0, 4294967295]`, { pointer: '/seed' });
    }
    if (auditioning) {
      reply.header('retry-after', '1');
      throw new NeurorackError('NR_WEB_BUSY', 'POST /api/audition: another audition is rendering; one runs at a time, try again when it finishes');
    }
    auditioning = true;
    let audio;
    try {
      audio = await host.audition(frames, seed);
    } finally {
      auditioning = false;
    }
    const bytes = Buffer.from(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength);
    return reply.type('application/octet-stream').header('x-sample-rate', String(audio.sampleRate)).send(bytes);
  });

  app.post('/api/banks/import', async (request) => {
    if (!Buffer.isBuffer(request.body)) {
      throw new NeurorackError('NR_WEB_MESSAGE_INVALID', 'POST /api/banks/import: expected the .nrbank file as the body with Content-Type application/octet-stream');
    }
    const force = (request.query as Record<string, unknown>).force === '1';
    return host.importBank(request.body, { force });
  });

  app.get('/api/banks/:bankId/export', async (request, reply) => {
    const { bankId } = request.params as Record<string, string>;
    assertBankId(bankId, 'GET /api/banks/:bankId/export');
    const bytes = await host.exportBank(bankId);
    return reply.type('application/octet-stream').header('content-disposition', `attachment; filename="${bankId}.nrbank"`).send(Buffer.from(bytes));
  });
}

function objectBody(body: unknown, where: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: expected a JSON object body (Content-Type application/json)`);
  }
  return body as Record<string, unknown>;
}

function stringArray(value: unknown, where: string, pointer: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `${where}: tags must be an array of strings`, { pointer });
  return value as string[];
}
