import { request, type Agent, type IncomingHttpHeaders } from 'node:http';

/** What one HTTP request got: status, headers, body and time; or the socket error that ended it. */
export type Answer =
  | { readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: Buffer; readonly ms: number }
  | { readonly error: string; readonly ms: number };

export interface RequestSpec {
  readonly method?: string;
  /** Path and query, e.g. /api/stats. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** The local address the socket comes from (each address has its own connection cap and pairing record). */
  readonly from?: string;
  /** A keep-alive agent to reuse sockets; without one, a socket of its own that closes after the answer. */
  readonly agent?: Agent;
  readonly timeoutMs?: number;
}

/** One HTTP/1.1 request to `base` (http://HOST:PORT), bounded by `timeoutMs` (default 30 s). */
export function httpRequest(base: string, spec: RequestSpec): Promise<Answer> {
  const url = new URL(base);
  const started = performance.now();
  const ms = () => performance.now() - started;
  return new Promise((resolve) => {
    const req = request({
      host: url.hostname, port: url.port, method: spec.method ?? 'GET', path: spec.path,
      agent: spec.agent ?? false,
      headers: {
        ...(spec.agent ? {} : { connection: 'close' }),
        ...(spec.body !== undefined ? { 'content-length': String(Buffer.byteLength(spec.body)) } : {}),
        ...spec.headers,
      },
      ...(spec.from ? { localAddress: spec.from } : {}),
      timeout: spec.timeoutMs ?? 30_000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: ms() }));
      res.on('error', (err) => resolve({ error: err.message, ms: ms() }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message, ms: ms() }));
    req.end(spec.body);
  });
}

/** The status of an answer, or its error. */
export const statusOf = (a: Answer): number | string => ('error' in a ? a.error : a.status);

/** The catalogue code of a JSON error answer ({error: {code}}), if it is one. */
export function errorCode(a: { readonly body: Buffer } | { readonly error: string }): string | undefined {
  if ('error' in a) return undefined;
  try {
    return (JSON.parse(a.body.toString('utf8')) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** Headers of a state-changing JSON request the host accepts (its CSRF header included). */
export const JSON_POST = { 'content-type': 'application/json', 'x-neurorack-request': '1' } as const;
