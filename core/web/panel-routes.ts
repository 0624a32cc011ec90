import type { FastifyInstance } from 'fastify';
import { NeurorackError } from '../errors/neurorack-error';
import { parseControlEvent } from './control-event';
import type { PngThread } from './png-thread';
import { ScreenPng } from './screen-png';
import type { HostStats, WebHost } from './web-host';

/**
 * The panel's HTTP API (the websocket carries the same controls live):
 * GET /api/info, GET /api/state, GET /api/model (the playing model's training ranges), POST /api/control (one control event), GET /api/screen.png,
 * GET /api/stats (read-only: the host's health figures and the web feeds and their clients).
 * The screen's PNG is encoded once per frame, on the PNG thread; requests between frames get the same bytes.
 */
export function registerPanelRoutes(app: FastifyInstance, host: WebHost, pairingRequired: boolean, png: PngThread, web: () => object = () => ({})): void {
  const screenPng = new ScreenPng(png);
  app.get('/api/info', async () => ({ ...host.info(), pairingRequired }));
  app.get('/api/stats', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { host: hostStats(host), web: web() };
  });
  app.get('/api/state', async () => host.state());
  app.get('/api/model', async () => {
    if (!host.modelInfo) throw new NeurorackError('NR_WEB_HOST_NOT_WIRED', 'GET /api/model: not available, the host was started without a model');
    return host.modelInfo();
  });
  app.post('/api/control', { bodyLimit: 4096 }, async (request) => {
    host.apply(parseControlEvent(request.body, host.info(), 'POST /api/control'));
    return { applied: true };
  });
  app.get('/api/screen.png', async (_request, reply) => {
    const rgba = host.latestScreen();
    if (!rgba) throw new NeurorackError('NR_WEB_NOT_FOUND', 'GET /api/screen.png: the screen has not drawn a frame yet');
    const { width, height } = host.info().screen;
    return reply.type('image/png').header('cache-control', 'no-store').send(await screenPng.of(rgba, width, height));
  });
}

/** The host's figures, or null where the host has none wired (the web figures are reported anyway). */
function hostStats(host: WebHost): HostStats | null {
  try {
    return host.stats();
  } catch (err) {
    if (err instanceof NeurorackError && err.code === 'NR_WEB_HOST_NOT_WIRED') return null;
    throw err;
  }
}
