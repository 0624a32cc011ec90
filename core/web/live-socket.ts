import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/websocket';
import { NeurorackError } from '../errors/neurorack-error';
import type { AudioFeed } from './audio-feed';
import { parseControlEvent } from './control-event';
import { toWireError } from './http-errors';
import { LiveClient, type OutboxSocket } from './live-client';
import type { ScreenFeed } from './screen-feed';
import type { WebHost } from './web-host';

/** Largest text message a page may send: a control event is a few dozen bytes. */
export const LIVE_MAX_MESSAGE_BYTES = 4096;
/** How often the page gets the CV volts and gate levels the drivers read back. */
export const LIVE_STATE_INTERVAL_MS = 100;
/** A gate edge sends the state at once, at most this often per client (fast clocks, audio-rate gates). */
export const LIVE_EDGE_STATE_MS = 20;

/** The part of a `ws` WebSocket this route uses (the `ws` package ships no types here). */
interface LiveWebSocket extends OutboxSocket {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close' | 'error', listener: () => void): void;
}

export interface LiveSocketDeps {
  readonly host: WebHost;
  readonly screen: ScreenFeed;
  readonly audio: AudioFeed;
  readonly pairingRequired: boolean;
  /** The connected clients (GET /api/stats lists them); each is removed when its socket closes. */
  readonly clients: Set<LiveClient>;
  /** Told when a client stops reading, reads again or is closed for growing (NR_WEB_CLIENT_*). */
  readonly report: (err: NeurorackError) => void;
}

/**
 * GET /ws: the panel's live connection. Server to page: `hello` (panel info), `state` (when it
 * changes), `error` (a rejected message, with its catalogue code), binary screen PNGs and, after
 * `{"type":"subscribe","audio":true}`, binary audio chunks. Page to server: `{"type":"control",
 * "event":{...}}` and `subscribe`. A malformed message gets an `error` reply; the socket, the host
 * and the audio carry on. A client that stops reading has its frames dropped, and is closed if it
 * keeps sending (live-client.ts). When the socket closes, everything it held goes: its feeds
 * (which stop when it was the last), its state timer and its place in `clients`.
 */
export function registerLiveSocket(app: FastifyInstance, deps: LiveSocketDeps): void {
  let nextClientId = 1;
  app.get('/ws', { websocket: true }, (socket: LiveWebSocket, request: FastifyRequest) => {
    const client = new LiveClient(nextClientId++, clientName(request), socket, deps.report);
    deps.clients.add(client);
    client.reply({ type: 'hello', info: deps.host.info(), pairingRequired: deps.pairingRequired });

    const stopScreen = deps.screen.add((message) => void client.offer('screen', message));
    let stopAudio: (() => void) | undefined;
    let lastState = '';
    const sendState = (): void => {
      const text = JSON.stringify({ type: 'state', ...deps.host.state() });
      if (text !== lastState && client.offer('state', text)) lastState = text;
    };
    const stateTimer = setInterval(sendState, LIVE_STATE_INTERVAL_MS);
    // A gate edge is sent at once (a press shorter than the interval would otherwise go unseen),
    // at most every LIVE_EDGE_STATE_MS: the state counts rises, so edges in between are not lost.
    let edgeSentAt = -Infinity;
    let edgeTimer: NodeJS.Timeout | undefined;
    const sendEdgeState = (): void => {
      edgeTimer = undefined;
      edgeSentAt = performance.now();
      sendState();
    };
    const stopEdges = deps.host.onGateEdge?.(() => {
      if (edgeTimer) return;
      const wait = edgeSentAt + LIVE_EDGE_STATE_MS - performance.now();
      if (wait <= 0) sendEdgeState();
      else edgeTimer = setTimeout(sendEdgeState, wait);
    });

    socket.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        const msg = parseMessage(data, isBinary);
        if (msg.type === 'control') {
          deps.host.apply(parseControlEvent(msg.event, deps.host.info(), 'websocket control message'));
          if (typeof msg.id === 'number') client.reply({ type: 'ack', id: msg.id });
        } else if (msg.type === 'subscribe') {
          if (msg.audio === true && !stopAudio) stopAudio = deps.audio.add((message) => void client.offer('audio', message));
          if (msg.audio === false && stopAudio) {
            stopAudio();
            stopAudio = undefined;
          }
          client.audio = !!stopAudio;
          client.reply({ type: 'subscribed', audio: !!stopAudio, audioRate: deps.host.info().audioRate });
        } else {
          throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `websocket message type ${JSON.stringify(msg.type)} is unknown; expected "control" or "subscribe"`);
        }
      } catch (err) {
        client.reply({ type: 'error', error: toWireError(err) });
      }
    });
    socket.on('close', () => {
      clearInterval(stateTimer);
      stopEdges?.();
      if (edgeTimer) clearTimeout(edgeTimer);
      stopScreen();
      stopAudio?.();
      stopAudio = undefined;
      deps.clients.delete(client);
    });
    socket.on('error', () => socket.terminate());
  });
}

/** address:port and User-Agent, as the reports name a client. */
function clientName(request: FastifyRequest): string {
  const { remoteAddress, remotePort } = request.socket ?? {};
  const agent = request.headers['user-agent'];
  return `${remoteAddress ?? '?'}:${remotePort ?? '?'}${agent ? ` (${agent.slice(0, 60)})` : ''}`;
}

function parseMessage(data: Buffer, isBinary: boolean): Record<string, unknown> {
  if (isBinary) throw new NeurorackError('NR_WEB_MESSAGE_INVALID', 'websocket: binary messages are not accepted from the page; expected JSON text');
  if (data.length > LIVE_MAX_MESSAGE_BYTES) throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `websocket: message of ${data.length} bytes; expected at most ${LIVE_MAX_MESSAGE_BYTES}`);
  let msg: unknown;
  try {
    msg = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `websocket: message is not JSON (${(err as Error).message}); expected {"type":"control","event":{...}}`);
  }
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) throw new NeurorackError('NR_WEB_MESSAGE_INVALID', 'websocket: message is not a JSON object; expected {"type":"control","event":{...}}');
  return msg as Record<string, unknown>;
}
