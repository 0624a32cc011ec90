import { randomBytes } from 'node:crypto';
import { Duplex, PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';

/**
 * A websocket client connected to `app` through memory instead of TCP, as fastify's `injectWS`
 * does (which sends Sec-WebSocket-Version as a number that `ws` refuses). Each direction is a
 * PassThrough with its 16 KiB buffer, so a client that stops reading (`pause()` on the returned
 * stream) backs the server up at once, where TCP's buffers would first take megabytes. Add the
 * listeners before awaiting `opened`: the server's first messages follow the handshake at once.
 */
export function memoryWebSocket(app: FastifyInstance, path: string, headers: Record<string, string> = {}): { ws: WebSocket; stream: Duplex; opened: Promise<void> } {
  const toClient = new PassThrough();
  const toServer = new PassThrough();
  const serverSide = Duplex.from({ readable: toServer, writable: toClient });
  const clientSide = Duplex.from({ readable: toClient, writable: toServer });
  const ws = new WebSocket(null as unknown as string, undefined, { isServer: false } as never) as WebSocket & {
    _isServer: boolean;
    setSocket(socket: Duplex, head: Buffer, options: { maxPayload: number }): void;
  };
  const opened = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      clientSide.removeListener('data', onData);
      clientSide.pause();
      const end = chunk.indexOf('\r\n\r\n');
      const status = chunk.subarray(0, chunk.indexOf('\r\n')).toString();
      if (end < 0 || !status.includes('101')) {
        reject(new Error(`websocket upgrade refused: ${status}`));
        return;
      }
      ws._isServer = false;
      // What followed the handshake in the same chunk is the first websocket frames.
      ws.setSocket(clientSide, chunk.subarray(end + 4), { maxPayload: 0 });
      clientSide.resume();
    };
    clientSide.on('data', onData);
    ws.once('open', () => resolve());
  });
  const req = {
    method: 'GET', httpVersion: '1.1', url: path,
    headers: { ...headers, connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64') },
  };
  void app.ready().then(() => app.server.emit('upgrade', req, serverSide, Buffer.alloc(0)));
  return { ws, stream: clientSide, opened };
}
