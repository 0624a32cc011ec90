import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { BANK_LIMITS } from '../banks/bank-limits';
import { DESCRIPTOR_ORDER } from '../descriptors/descriptor-matrix';
import { NeurorackError } from '../errors/neurorack-error';
import { MODEL_PACKAGE_LIMITS } from '../model-packages/model-package-format';
import { packageRoot } from '../paths';
import { AudioFeed } from './audio-feed';
import { registerBankRoutes } from './bank-routes';
import { CONNECTION_LIMITS, capConnections, httpServerOptions, type ConnectionLimits } from './connection-limits';
import { DEFAULT_BIND_HOST, isLoopbackHost } from './bind-address';
import { fromFastifyError, sendError } from './http-errors';
import type { LiveClient } from './live-client';
import { registerLiveSocket } from './live-socket';
import { Pairing, formatPairingCode } from './pairing';
import { pairingAlarmText } from './pairing-alarm';
import { registerPairingRoutes } from './pairing-routes';
import { registerPanelRoutes } from './panel-routes';
import { registerModelRoutes } from './model-routes';
import { registerRegistryRoutes } from './registry-routes';
import { registerModelRegistryRoutes } from './model-registry-routes';
import { installRequestGuard } from './request-guard';
import { lazySchemaCompilers } from './lazy-schema-compilers';
import { ScreenFeed } from './screen-feed';
import { PngThread } from './png-thread';
import { applySecurityHeaders } from './security-headers';
import type { WebHost } from './web-host';
import { reachableAddress } from './reachable-address';

/** Where the panel and designer pages live: plain files at the package root, served as they are. */
export const WEB_STATIC_DIR = join(packageRoot, 'web');
/** The port `start` serves on when neither the rack (web.port, default 8787) nor --port names one. */
export const DEFAULT_WEB_PORT = 8787;

export interface WebServerOptions {
  /** Address to bind (default 127.0.0.1). Anything not loopback turns pairing on. */
  readonly host?: string;
  /** Port (default DEFAULT_WEB_PORT, 8787; 0 picks a free one). */
  readonly port?: number;
  readonly staticDir?: string;
  /** Largest upload (a packed bank), bytes (default: the bank tools' download limit). */
  readonly maxUploadBytes?: number;
  /** Largest model package upload (.nrmodel), bytes (default: the model tools' package limit). */
  readonly maxModelUploadBytes?: number;
  /** Folder for temporary upload files (default: the OS temporary folder). */
  readonly uploadDir?: string;
  /** A fixed pairing code instead of a random one (tests only). */
  readonly pairingCode?: string;
  /** Told the pairing code, once at start (wrong codes never change it). */
  readonly onPairingCode?: (code: string) => void;
  /** The pairing limiter's clock (tests only; default Date.now). */
  readonly pairingClock?: () => number;
  /** Extra Host names served on a loopback bind (e.g. a name in /etc/hosts). */
  readonly allowedHosts?: readonly string[];
  readonly logger?: boolean;
  /** Connection caps and timeouts (default CONNECTION_LIMITS). */
  readonly connectionLimits?: Partial<ConnectionLimits>;
  /** Told when a websocket client stops reading, reads again or is closed for growing (NR_WEB_CLIENT_*). */
  readonly onClientReport?: (err: NeurorackError) => void;
}

export interface WebServer {
  readonly app: FastifyInstance;
  readonly pairingRequired: boolean;
  /** The code shown on the module's screen, when pairing is required. */
  pairingCode(): string | undefined;
  /** Starts listening; resolves with the address to print (http://HOST:PORT/). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the web server for a running module (nothing listens until `listen()`; tests use
 * `app.inject` and `app.injectWS`). Every request passes the request guard (Host, pairing,
 * cross-site), every error is a catalogue error with its code, and the page's files are served
 * from `web/` under a strict Content-Security-Policy.
 */
export async function createWebServer(host: WebHost, options: WebServerOptions = {}): Promise<WebServer> {
  const bindHost = options.host ?? DEFAULT_BIND_HOST;
  const port = options.port ?? DEFAULT_WEB_PORT;
  const loopbackOnly = isLoopbackHost(bindHost);
  let lastAlarmAt = -Infinity;
  const pairing = loopbackOnly
    ? undefined
    : new Pairing({
        onCode: (code) => {
          host.showPairingCode(formatPairingCode(code));
          options.onPairingCode?.(code);
        },
        onAlarm: (alarm, code) => {
          // One alarm per 10 s at most: a flood from many addresses must not bury the screen in toasts.
          const t = (options.pairingClock ?? Date.now)();
          if (t - lastAlarmAt < 10_000) return;
          lastAlarmAt = t;
          host.showPairingAlert(pairingAlarmText(alarm, formatPairingCode(code)));
        },
        ...(options.pairingCode !== undefined ? { fixedCode: options.pairingCode } : {}),
        ...(options.pairingClock ? { now: options.pairingClock } : {}),
      });

  const limits: ConnectionLimits = { ...CONNECTION_LIMITS, ...options.connectionLimits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    trustProxy: false,
    forceCloseConnections: true,
    connectionTimeout: limits.idleTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: httpServerOptions(limits),
    schemaController: { compilersFactory: lazySchemaCompilers() },
  });
  capConnections(app.server, limits);
  installRequestGuard(app, { loopbackOnly, pairing, allowedHosts: options.allowedHosts });
  applySecurityHeaders(app);
  app.setErrorHandler((err, request, reply) => {
    const e = fromFastifyError(err, `${request.method} ${request.url.split('?')[0]}`);
    if (e.exitCode === 1 && e.code !== 'NR_WEB_HOST_NOT_WIRED') request.log.error(err);
    return sendError(reply, e);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new NeurorackError('NR_WEB_NOT_FOUND', `${request.method} ${request.url.split('?')[0]}: no such page or API route`)),
  );

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  const png = new PngThread();
  const screen = new ScreenFeed(host, png);
  const audio = new AudioFeed(host);
  const clients = new Set<LiveClient>();
  const feeds = () => ({ screen: { clients: screen.size, running: screen.running }, audio: { clients: audio.size, running: audio.running }, clients: [...clients].map((c) => c.reportNow()) });
  registerPairingRoutes(app, pairing);
  registerPanelRoutes(app, host, !!pairing, png, feeds);
  registerBankRoutes(app, host, options.maxUploadBytes ?? BANK_LIMITS.maxDownloadBytes);
  registerRegistryRoutes(app, host);
  registerModelRegistryRoutes(app, host);
  registerModelRoutes(app, host, { maxBytes: options.maxModelUploadBytes ?? MODEL_PACKAGE_LIMITS.maxPackageBytes, ...(options.uploadDir ? { dir: options.uploadDir } : {}) });
  registerLiveSocket(app, { host, screen, audio, pairingRequired: !!pairing, clients, report: options.onClientReport ?? (() => undefined) });
  // The browser's copy of the descriptor order is this one (schemas/descriptor-order.json), never its own list.
  app.get('/descriptor-order.json', async () => ({ order: DESCRIPTOR_ORDER }));
  await app.register(fastifyStatic, { root: options.staticDir ?? WEB_STATIC_DIR, prefix: '/', index: ['index.html'], cacheControl: false });
  app.addHook('onClose', async () => {
    screen.stop();
    audio.stop();
    await png.close();
    host.showPairingCode(undefined);
  });

  return {
    app,
    pairingRequired: !!pairing,
    pairingCode: () => pairing?.code,
    async listen() {
      try {
        await app.listen({ host: bindHost, port });
      } catch (err) {
        throw new NeurorackError('NR_WEB_BIND_FAILED', `cannot listen on ${bindHost}:${port} (${(err as Error).message}); pass another --port or --host`, {}, { cause: err });
      }
      const addr = app.server.address();
      const actualPort = typeof addr === 'object' && addr ? addr.port : port;
      // A wildcard bind is listed at an address a browser elsewhere can open.
      const address = reachableAddress(bindHost);
      const shown = address.includes(':') ? `[${address}]` : address;
      return `http://${shown}:${actualPort}/`;
    },
    close: () => app.close(),
  };
}
