import type { Agent } from 'node:http';
import WebSocket from 'ws';
import { PAIRING_COOKIE, PAIRING_HEADER } from '../../core/web/pairing';
import { httpRequest, type Answer } from './http-client';

/** What the host did with one wrong code. */
export interface Try {
  /** HTTP status (a websocket upgrade's refusal included), or the socket error. */
  readonly status: number | string;
  /** Retry-After of a refusal, seconds. */
  readonly retryAfterS?: number;
}

/** One way a pairing code reaches the host (core/web/request-guard.ts, pairing-routes.ts). */
export interface PairingPath {
  readonly name: string;
  send(base: string, code: string, from: string, agent: Agent): Promise<Try>;
}

const JSON_ACCEPT = { accept: 'application/json' };

function tried(a: Answer): Try {
  if ('error' in a) return { status: a.error };
  const retry = Number(a.headers['retry-after']);
  return { status: a.status, ...(Number.isFinite(retry) ? { retryAfterS: retry } : {}) };
}

/** Every path a code is taken from: the session cookie, the header, `?pair=`, POST /api/pair and a websocket upgrade. */
export const PAIRING_PATHS: readonly PairingPath[] = [
  {
    name: `cookie ${PAIRING_COOKIE}`,
    send: async (base, code, from, agent) => tried(await httpRequest(base, { path: '/api/stats', from, agent, headers: { ...JSON_ACCEPT, cookie: `${PAIRING_COOKIE}=${code}` } })),
  },
  {
    name: `header ${PAIRING_HEADER}`,
    send: async (base, code, from, agent) => tried(await httpRequest(base, { path: '/api/stats', from, agent, headers: { ...JSON_ACCEPT, [PAIRING_HEADER]: code } })),
  },
  {
    name: 'query ?pair=',
    send: async (base, code, from, agent) => tried(await httpRequest(base, { path: `/api/stats?pair=${code}`, from, agent, headers: JSON_ACCEPT })),
  },
  {
    name: 'POST /api/pair',
    send: async (base, code, from, agent) => tried(await httpRequest(base, { method: 'POST', path: '/api/pair', from, agent, headers: { ...JSON_ACCEPT, 'content-type': 'application/json' }, body: JSON.stringify({ code }) })),
  },
  { name: 'websocket upgrade /ws', send: (base, code, from) => upgrade(base, code, from) },
];

/** A websocket upgrade to /ws carrying the code in the pairing header; its refusal's status, or 101. */
function upgrade(base: string, code: string, from: string): Promise<Try> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws').replace(/\/$/, '')}/ws`, { localAddress: from, headers: { [PAIRING_HEADER]: code }, handshakeTimeout: 30_000 });
    ws.once('unexpected-response', (_req, res) => {
      const retry = Number(res.headers['retry-after']);
      res.resume();
      resolve({ status: res.statusCode ?? 0, ...(Number.isFinite(retry) ? { retryAfterS: retry } : {}) });
      ws.terminate();
    });
    ws.once('open', () => {
      resolve({ status: 101 });
      ws.terminate();
    });
    ws.once('error', (err) => resolve({ status: (err as NodeJS.ErrnoException).code ?? err.message }));
  });
}

/** What became of a try: checked and found wrong (401), refused unchecked by a limit (429), paired (the guess was right), or anything else. */
export function classify(t: Try): 'checked' | 'refused' | 'paired' | 'other' {
  if (t.status === 401) return 'checked';
  if (t.status === 429) return 'refused';
  if (t.status === 200 || t.status === 101 || t.status === 303) return 'paired';
  return 'other';
}
