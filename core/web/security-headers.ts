import type { FastifyInstance } from 'fastify';

/**
 * Scripts and connections only from this server, no framing (clickjacking), no sniffing. Styles
 * may be inline (the pairing form has no stylesheet of its own); images may be blob: (screen frames).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function applySecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin'); // no-referrer would make form posts send "Origin: null"
    reply.header('cross-origin-resource-policy', 'same-origin');
    return payload;
  });
}
