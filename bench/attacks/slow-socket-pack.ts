import { connect, type Socket } from 'node:net';

/** What happened to a pack of slow sockets. */
export interface PackFigures {
  /** Sockets opened (reconnections included). */
  readonly opened: number;
  /** Closed by the server within REFUSED_WITHIN_MS of opening (refused at accept by a connection cap). */
  readonly refusedAtAccept: number;
  /** Closed by the server later (a header or idle timeout), with how long they had lived, ms. */
  readonly timedOut: number;
  readonly medianLifeMs: number | null;
  /** Open when the pack stopped. */
  readonly openAtEnd: number;
}

export interface PackOptions {
  readonly port: number;
  /** Sockets kept open at once, spread over `from` round-robin. */
  readonly count: number;
  /** Local addresses the sockets come from (127.0.0.0/8 on loopback). */
  readonly from: readonly string[];
  /** Every other socket sends a request line and one header byte every this many ms; the rest send nothing. */
  readonly trickleEveryMs: number;
  /** Open a new socket this long after one is closed (a persistent attacker); undefined: do not. */
  readonly reconnectAfterMs?: number;
}

/**
 * A socket the server closes sooner than this was refused by a cap, later by a timeout (the
 * shortest is 10 s). Not sooner: 1,100 connects at once are accepted over about a second.
 */
export const REFUSED_WITHIN_MS = 5_000;

/**
 * Slowloris: `count` sockets that never finish a request, half silent and half trickling header
 * bytes, optionally replaced as the server closes them. `stop()` closes them all and tells how the
 * server treated them.
 */
export function slowSocketPack(options: PackOptions): { stop(): PackFigures } {
  let opened = 0;
  let refused = 0;
  const lives: number[] = [];
  const open = new Set<Socket>();
  let stopped = false;

  const openOne = (i: number): void => {
    if (stopped) return;
    opened++;
    const at = performance.now();
    const trickles = i % 2 === 1;
    const s = connect({ port: options.port, host: '127.0.0.1', localAddress: options.from[i % options.from.length]! }, () => {
      if (trickles) s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    });
    open.add(s);
    s.on('error', () => undefined);
    s.resume();
    s.on('close', () => {
      open.delete(s);
      if (stopped) return;
      const life = performance.now() - at;
      if (life < REFUSED_WITHIN_MS) refused++;
      else lives.push(life);
      if (options.reconnectAfterMs !== undefined) setTimeout(() => openOne(i), options.reconnectAfterMs);
    });
  };
  for (let i = 0; i < options.count; i++) openOne(i);
  const trickle = setInterval(() => {
    for (const s of open) if (!s.destroyed && s.writable && s.bytesWritten > 0) s.write('x');
  }, options.trickleEveryMs);

  return {
    stop: () => {
      stopped = true;
      clearInterval(trickle);
      const openAtEnd = open.size;
      for (const s of open) s.destroy();
      const sorted = [...lives].sort((a, b) => a - b);
      return { opened, refusedAtAccept: refused, timedOut: lives.length, medianLifeMs: sorted.length ? sorted[sorted.length >> 1]! : null, openAtEnd };
    },
  };
}
