import type { FastifyInstance } from 'fastify';
import { NeurorackError } from '../errors/neurorack-error';
import { sendError } from './http-errors';
import { PAIRING_COOKIE, type Pairing } from './pairing';
import { clientKey } from './pairing-limiter';
import { pairingPage, safeNext } from './pairing-page';
import { sendPairingRefused } from './request-guard';

/**
 * GET /pair shows the form; POST /api/pair takes `code` (form or JSON) and, when it matches the
 * code on the screen, sets an HttpOnly SameSite=Strict session cookie. Without pairing (loopback
 * bind) both answer that no pairing is needed.
 */
export function registerPairingRoutes(app: FastifyInstance, pairing: Pairing | undefined): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/pair', async (request, reply) => {
    if (!pairing) return reply.redirect('/');
    return reply.type('text/html; charset=utf-8').send(pairingPage(safeNext((request.query as Record<string, unknown>).next), false));
  });

  app.post('/api/pair', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (!pairing) return isForm ? reply.redirect(safeNext(body.next), 303) : reply.send({ paired: true, required: false });
    const code = typeof body.code === 'string' ? body.code : undefined;
    const outcome = pairing.check(clientKey(request.socket.remoteAddress), [code ?? ''], true);
    if (outcome.kind === 'refused') return sendPairingRefused(reply, outcome.refusal, 'POST /api/pair');
    const token = outcome.kind === 'paired' ? outcome.token : undefined;
    if (!token) {
      if (isForm) return reply.code(401).type('text/html; charset=utf-8').send(pairingPage(safeNext(body.next), true));
      return sendError(reply, new NeurorackError('NR_WEB_PAIRING_REQUIRED', 'POST /api/pair: the code does not match the one on the module\'s screen; expected {"code": "NNNNNNNNNN"} (ten digits, dashes and spaces ignored)'));
    }
    reply.header('set-cookie', `${PAIRING_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    return isForm ? reply.redirect(safeNext(body.next), 303) : reply.send({ paired: true, required: true });
  });
}
