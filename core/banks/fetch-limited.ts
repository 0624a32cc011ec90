import { NeurorackError } from '../errors/neurorack-error';
import { BANK_LIMITS } from './bank-limits';

/** Redirects followed before a download is given up. */
const MAX_REDIRECTS = 5;

export interface FetchLimitedOptions {
  readonly timeoutMs?: number;
  /**
   * Follow a redirect only to the same origin (scheme, host and port) as `url`: a registry's
   * index and packs come from the registry the performer named, never from a host it points
   * elsewhere to (NR_BANK_DOWNLOAD_FAILED). Default: redirects anywhere are followed.
   */
  readonly sameOrigin?: boolean;
  /** Told the bytes received so far and the announced length (null when the server gives none), after each chunk. */
  readonly onProgress?: (received: number, total: number | null) => void;
}

/**
 * Downloads `url` (http or https, with Node's fetch) into memory, refusing anything larger than
 * `maxBytes`: a Content-Length over the limit is refused before the body is read, and a body that
 * grows past it is aborted as soon as it does. Up to five redirects are followed, each checked as
 * `url` is (http or https, and the same origin where asked). Throws NR_BANK_DOWNLOAD_TOO_LARGE or
 * NR_BANK_DOWNLOAD_FAILED naming the URL.
 */
export async function fetchLimited(url: string, maxBytes: number, opts: FetchLimitedOptions = {}): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? BANK_LIMITS.downloadTimeoutMs;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', 'not a valid URL', { file: url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `only http and https downloads are allowed, not ${parsed.protocol}`, { file: url });
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    let res: Response;
    let at = parsed;
    for (let hops = 0; ; hops++) {
      try {
        res = await fetch(at, { signal: controller.signal, redirect: 'manual' });
      } catch (err) {
        throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `the download failed (${describe(err)})`, { file: url }, { cause: err });
      }
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location === null) break;
      await res.body?.cancel().catch(() => undefined);
      if (hops === MAX_REDIRECTS) throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `more than ${MAX_REDIRECTS} redirects`, { file: url });
      const next = redirectTarget(location, at, url);
      if (opts.sameOrigin && next.origin !== parsed.origin) {
        throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `the server redirected to ${next.origin}, another host than the registry's ${parsed.origin}; a registry's files must come from the registry itself`, { file: url });
      }
      at = next;
    }
    if (!res.ok) {
      controller.abort();
      throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `the server answered HTTP ${res.status} ${res.statusText}`, { file: url });
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      controller.abort();
      throw tooLarge(url, maxBytes, `the server announces ${declared} bytes`);
    }
    return await readBody(res, url, maxBytes, controller, Number.isFinite(declared) && declared > 0 ? declared : null, opts.onProgress);
  } finally {
    clearTimeout(timer);
  }
}

function redirectTarget(location: string, base: URL, url: string): URL {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `the server redirected to ${JSON.stringify(location)}, not a valid URL`, { file: url });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `the server redirected to a ${next.protocol} URL; only http and https downloads are allowed`, { file: url });
  }
  return next;
}

async function readBody(res: Response, url: string, maxBytes: number, controller: AbortController, declared: number | null, onProgress?: FetchLimitedOptions['onProgress']): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        controller.abort();
        await reader.cancel().catch(() => undefined);
        throw tooLarge(url, maxBytes, `more than ${maxBytes} bytes arrived`);
      }
      chunks.push(value);
      onProgress?.(total, declared);
    }
  } catch (err) {
    if (err instanceof NeurorackError) throw err;
    throw new NeurorackError('NR_BANK_DOWNLOAD_FAILED', `the download broke off (${describe(err)})`, { file: url }, { cause: err });
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(url: string, maxBytes: number, what: string): NeurorackError {
  return new NeurorackError('NR_BANK_DOWNLOAD_TOO_LARGE', `${what}; the limit is ${maxBytes} bytes (--max-bytes raises it)`, { file: url });
}

function describe(err: unknown): string {
  const e = err as Error & { cause?: Error };
  return e.cause?.message ? `${e.message}: ${e.cause.message}` : String(e?.message ?? err);
}
