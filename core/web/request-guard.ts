import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NeurorackError } from '../errors/neurorack-error';
import { hostHeaderIsLoopback } from './bind-address';
import { sendError } from './http-errors';
import { pairingPage } from './pairing-page';
import { PAIRING_COOKIE, PAIRING_HEADER, type Pairing } from './pairing';
import { clientKey, type PairingRefusal } from './pairing-limiter';

/** The header every state-changing request must carry: a cross-site form or image cannot set it. */
export const CSRF_HEADER = 'x-neurorack-request';

export interface GuardOptions {
  /** Bound to loopback: only loopback Host headers are served (a DNS-rebinding page gets 403). */
  readonly loopbackOnly: boolean;
  /** Present when bound beyond loopback: every request needs a paired session or the code. */
  readonly pairing?: Pairing;
  /** Extra Host names (without port) to serve, e.g. "neurorack.local". */
  readonly allowedHosts?: readonly string[];
}

/** Requests that may arrive unpaired: the pairing form and its submission. */
const PAIRING_ROUTES = new Set(['/pair', '/api/pair']);

/**
 * One onRequest hook in front of every route, HTTP and websocket upgrade alike:
 * 1. Host: on a loopback bind only loopback names (and `allowedHosts`) are served.
 * 2. Pairing: beyond loopback, a session cookie, the `x-neurorack-pairing` header or `?pair=`
 *    must hold a session token or the code; every code offered on any of these paths is counted
 *    by the pairing limiter (NR_WEB_PAIRING_LOCKED, 429, once it refuses); a browser asking for a
 *    page gets the form.
 * 3. Cross-site: an Origin, when sent, must be this server's own; POST/PUT/DELETE also need the
 *    `x-neurorack-request` header (which forces a CORS preflight the server never grants).
 */
export function installRequestGuard(app: FastifyInstance, options: GuardOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.upgrade) closeAfterReply(request, reply);
    const path = request.url.split('?')[0]!;
    const host = request.headers.host;
    if (options.loopbackOnly && !hostHeaderIsLoopback(host) && !extraHostAllowed(host, options.allowedHosts)) {
      return sendError(reply, new NeurorackError('NR_WEB_HOST_REFUSED', `Host ${JSON.stringify(host ?? '')} is not served; this server answers on 127.0.0.1 or localhost only`));
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, host)) {
      return sendError(reply, new NeurorackError('NR_WEB_CROSS_SITE', `${request.method} ${path}: Origin ${origin} is not this server (http://${host ?? ''}); cross-site requests are refused`));
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && path !== '/api/pair' && request.headers[CSRF_HEADER] !== '1') {
      return sendError(reply, new NeurorackError('NR_WEB_CROSS_SITE', `${request.method} ${path}: missing the "${CSRF_HEADER}: 1" header that state-changing requests need`));
    }
    if (options.pairing && !PAIRING_ROUTES.has(path)) return checkPairing(options.pairing, request, reply, path);
    return undefined;
  });
}

async function checkPairing(pairing: Pairing, request: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply | undefined> {
  const cookie = readCookie(request.headers.cookie, PAIRING_COOKIE);
  const header = request.headers[PAIRING_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.pair;
  const offered = [cookie, typeof header === 'string' ? header : undefined, typeof query === 'string' ? query : undefined];
  const wantsPage = request.method === 'GET' && !request.headers.upgrade && (request.headers.accept ?? '').includes('text/html');
  // A browser opening a page with ?pair=CODE gets a session as the pairing form gives one, and the
  // page again without the code: its styles and scripts then come with the cookie (before, they
  // were refused and the page stayed unstyled on "connecting").
  const outcome = pairing.check(clientKey(request.socket.remoteAddress), offered, wantsPage && typeof query === 'string');
  if (outcome.kind === 'paired') {
    if (!outcome.token) return undefined;
    reply.header('set-cookie', `${PAIRING_COOKIE}=${outcome.token}; HttpOnly; SameSite=Strict; Path=/`);
    return reply.redirect(withoutPairCode(request.url), 303);
  }
  if (outcome.kind === 'refused') return sendPairingRefused(reply, outcome.refusal, `${request.method} ${path}`);
  if (wantsPage) return reply.code(401).type('text/html; charset=utf-8').send(pairingPage(path, outcome.kind === 'wrong'));
  return sendError(reply, new NeurorackError('NR_WEB_PAIRING_REQUIRED', `${request.method} ${path}: this module is reachable from the network; enter the pairing code shown on its screen (or send it in the ${PAIRING_HEADER} header)`));
}

/** 429 with Retry-After: the code was not checked at all (a lockout holds for the right code too). */
export function sendPairingRefused(reply: FastifyReply, refusal: PairingRefusal, where: string): FastifyReply {
  const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  const why = refusal.scope === 'client'
    ? 'too many wrong pairing codes from this address'
    : 'too many wrong pairing codes from the network in the last hour, and this address sent one of them';
  reply.header('retry-after', String(seconds));
  return sendError(reply, new NeurorackError('NR_WEB_PAIRING_LOCKED', `${where}: ${why}; the code was not checked; try again in ${seconds} s`));
}

/**
 * A refused websocket upgrade leaves its socket outside the HTTP server's bookkeeping: close it
 * once the reply is written, or it would stay open (and hold up the server's close) forever.
 */
function closeAfterReply(request: FastifyRequest, reply: FastifyReply): void {
  reply.raw.once('finish', () => {
    if (!reply.raw.headersSent || reply.raw.statusCode !== 101) request.raw.socket?.destroy();
  });
}

/** `http://HOST` as the browser writes it equals the Host header it sent. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host.toLowerCase();
  } catch {
    return false;
  }
}

function extraHostAllowed(host: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (!host || !allowed?.length) return false;
  return allowed.includes(host.replace(/:\d+$/, '').toLowerCase());
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The request's path and query without its `pair` parameter. */
function withoutPairCode(url: string): string {
  const parsed = new URL(url, 'http://module');
  parsed.searchParams.delete('pair');
  return parsed.pathname + parsed.search;
}
