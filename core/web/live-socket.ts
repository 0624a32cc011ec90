import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/websocket';
import { NeurorackError } from '../errors/neurorack-error';
import type { AudioFeed } from './audio-feed';
import { parseControlEvent } from './control-event';
import { toWireError } from './http-errors';
import type { ScreenFeed } from './screen-feed';
import type { WebHost } from './web-host';
import { WireTag, wireMessage } from './wire-format';

/** Largest text message a page may send: a control event is a few dozen bytes. */
export const LIVE_MAX_MESSAGE_BYTES = 4096;
/** Above this much unsent data a client is slow: audio chunks and screen frames are dropped for it. */
export const LIVE_MAX_BUFFERED_BYTES = 1 << 20;
/** How often the page gets the CV volts and gate levels the drivers read back. */
export const LIVE_STATE_INTERVAL_MS = 100;

/** The part of a `ws` WebSocket this route uses (the `ws` package ships no types here). */
interface LiveWebSocket {
  readonly OPEN: number;
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Buffer): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close' | 'error', listener: () => void): void;
  terminate(): void;
}

export interface LiveSocketDeps {
  readonly host: WebHost;
  readonly screen: ScreenFeed;
  readonly audio: AudioFeed;
  readonly pairingRequired: boolean;
}

/**
 * GET /ws: the panel's live connection. Server to page: `hello` (panel info), `state` (when it
 * changes), `error` (a rejected message, with its catalogue code), binary screen PNGs and, after
 * `{"type":"subscribe","audio":true}`, binary audio chunks. Page to server: `{"type":"control",
 * "event":{...}}` and `subscribe`. A malformed message gets an `error` reply; the socket, the host
 * and the audio carry on.
 */
export function registerLiveSocket(app: FastifyInstance, deps: LiveSocketDeps): void {
  app.get('/ws', { websocket: true }, (socket: LiveWebSocket) => {
    const send = (value: object): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
    };
    const sendBinary = (data: Buffer): void => {
      if (socket.readyState === socket.OPEN && socket.bufferedAmount < LIVE_MAX_BUFFERED_BYTES) socket.send(data);
    };
    send({ type: 'hello', info: deps.host.info(), pairingRequired: deps.pairingRequired });

    const stopScreen = deps.screen.add((png) => sendBinary(wireMessage(WireTag.ScreenPng, png)));
    let stopAudio: (() => void) | undefined;
    let lastState = '';
    const stateTimer = setInterval(() => {
      const text = JSON.stringify({ type: 'state', ...deps.host.state() });
      if (text !== lastState && socket.readyState === socket.OPEN) socket.send(text);
      lastState = text;
    }, LIVE_STATE_INTERVAL_MS);

    socket.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        const msg = parseMessage(data, isBinary);
        if (msg.type === 'control') {
          deps.host.apply(parseControlEvent(msg.event, deps.host.info(), 'websocket control message'));
          if (typeof msg.id === 'number') send({ type: 'ack', id: msg.id });
        } else if (msg.type === 'subscribe') {
          if (msg.audio === true && !stopAudio) stopAudio = deps.audio.add((chunk) => sendBinary(wireMessage(WireTag.Audio, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))));
          if (msg.audio === false && stopAudio) {
            stopAudio();
            stopAudio = undefined;
          }
          send({ type: 'subscribed', audio: !!stopAudio, audioRate: deps.host.info().audioRate });
        } else {
          throw new NeurorackError('NR_WEB_MESSAGE_INVALID', `websocket message type ${JSON.stringify(msg.type)} is unknown; expected "control" or "subscribe"`);
        }
      } catch (err) {
        send({ type: 'error', error: toWireError(err) });
      }
    });
    socket.on('close', () => {
      clearInterval(stateTimer);
      stopScreen();
      stopAudio?.();
    });
    socket.on('error', () => socket.terminate());
  });
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
