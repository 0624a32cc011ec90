import { connect } from 'node:net';

/** What came back on the socket: the status line's code and the bytes after the headers, or only an error. */
export type RawAnswer =
  | { readonly status: number; readonly body: Buffer; readonly ms: number; readonly bodySent: boolean }
  | { readonly error: string; readonly ms: number };

/** How long the headers wait alone for an early answer before the body follows. */
export const EARLY_ANSWER_MS = 200;

/**
 * One HTTP/1.1 request on a plain socket, written as a cautious client writes a large upload: the
 * headers, then the body only if no answer came within EARLY_ANSWER_MS. A server that refuses a
 * body by its Content-Length (413) answers at once and closes; had the body been sent, the close
 * would reset the connection and Node's HTTP client would report EPIPE or ECONNRESET and lose the
 * answer. `ms` runs from the body's sending (or the headers' when no body was sent). The answer's
 * body is what follows its headers (enough for a JSON error or its length).
 */
export function rawRequest(base: string, spec: { method: string; path: string; headers: Record<string, string>; body: string | Buffer; from?: string; timeoutMs?: number }): Promise<RawAnswer> {
  const url = new URL(base);
  let started = performance.now();
  const ms = () => performance.now() - started;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let bodySent = false;
    const socket = connect({ host: url.hostname, port: Number(url.port), ...(spec.from ? { localAddress: spec.from } : {}) });
    const body = Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body);
    const head = [`${spec.method} ${spec.path} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close', `Content-Length: ${body.length}`, ...Object.entries(spec.headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
    const timer = setTimeout(() => socket.destroy(new Error('timed out')), spec.timeoutMs ?? 120_000);
    socket.on('connect', () => {
      started = performance.now();
      socket.write(head);
      setTimeout(() => {
        if (chunks.length || socket.destroyed) return;
        started = performance.now();
        bodySent = true;
        socket.write(body);
      }, EARLY_ANSWER_MS);
    });
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', (err: NodeJS.ErrnoException) => (error ??= err.code ?? err.message));
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(all.subarray(0, 16).toString('latin1'))?.[1];
      if (!status) return resolve({ error: error ?? 'closed without an answer', ms: ms() });
      const split = all.indexOf('\r\n\r\n');
      resolve({ status: Number(status), body: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4), ms: ms(), bodySent });
    });
  });
}
