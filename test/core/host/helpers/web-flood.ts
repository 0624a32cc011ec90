import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';

/** What one HTTP request got: a status and body, or the socket error that ended it (a connection cap closes sockets as accepted). */
export type Answer = { readonly status: number; readonly body: Buffer } | { readonly error: string };

export interface RequestSpec {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** The loopback address the request comes from (127.0.0.0/8): each address has its own connection cap. */
  readonly from?: string;
  readonly timeoutMs?: number;
}

/** One HTTP/1.1 request on a socket of its own (no keep-alive), bounded by `timeoutMs` (default 10 s). */
export function httpRequest(port: number, spec: RequestSpec): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port, method: spec.method ?? 'GET', path: spec.path, agent: false,
      headers: { connection: 'close', ...(spec.body !== undefined ? { 'content-length': String(Buffer.byteLength(spec.body)) } : {}), ...spec.headers },
      ...(spec.from ? { localAddress: spec.from } : {}),
      timeout: spec.timeoutMs ?? 10_000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', (err) => resolve({ error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end(spec.body);
  });
}

/**
 * Slowloris: `count` sockets from `from` that send a request line and then one header byte every
 * `everyMs`, never finishing. Tells how many the server has closed.
 */
export function slowSockets(port: number, count: number, from: string, everyMs = 400): { closed(): number; stop(): void } {
  let closed = 0;
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const s = connect({ port, host: '127.0.0.1', localAddress: from }, () => s.write('GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    s.on('error', () => undefined);
    s.on('close', () => closed++);
    s.resume();
    sockets.push(s);
  }
  const trickle = setInterval(() => {
    for (const s of sockets) if (!s.destroyed && s.writable) s.write('x');
  }, everyMs);
  return {
    closed: () => closed,
    stop: () => {
      clearInterval(trickle);
      for (const s of sockets) s.destroy();
    },
  };
}

/** A panel client over the websocket: counts what it received; `stall()` stops reading its socket. */
export interface FloodClient {
  readonly received: () => number;
  readonly opened: Promise<boolean>;
  send(message: unknown): void;
  stall(): void;
  close(): void;
}

/** A websocket client of /ws from `from`, subscribed to the audio when `audio`. */
export function wsClient(port: number, from: string, audio: boolean): FloodClient {
  let received = 0;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { localAddress: from, handshakeTimeout: 10_000 });
  ws.on('error', () => undefined);
  ws.on('message', () => received++);
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => {
      if (audio) ws.send(JSON.stringify({ type: 'subscribe', audio: true }));
      resolve(true);
    });
    ws.once('close', () => resolve(false));
  });
  return {
    received: () => received,
    opened,
    send: (message) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    },
    stall: () => (ws as unknown as { _socket?: Socket })._socket?.pause(),
    close: () => ws.terminate(),
  };
}
