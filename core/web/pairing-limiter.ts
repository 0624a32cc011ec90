import { isIP } from 'node:net';

/**
 * How many wrong pairing codes the server checks, per client and in all. With a ten-digit code
 * (10^10 codes) these bound an online search:
 * - one client: 5 codes back to back, then one after each lockout (1, 2, 4 ... 32 min, then every
 *   hour): at most 34 codes on its first day and 24 a day after, 8,766 a year; half the codes
 *   (the expected search) would take 570,000 years.
 * - all clients: at most 100 wrong codes in any rolling hour, plus one per client address that has
 *   not failed in that hour (so a stranger's flood never stops a new browser's first try). An
 *   attacker with 256 addresses gets at most 356 an hour, 3.1 million a year: 1,600 years expected,
 *   a 0.03% chance in a year; with 65,536 addresses (IPv6 counts one per /64) 8.7 years expected.
 * Addresses on the module itself (127.0.0.0/8, ::1) are exempt from the global window, so the
 * performer can always pair there (e.g. through `ssh -L`).
 */
export const PAIRING_LIMITS = {
  /** Wrong codes a client may send back to back before its first lockout. */
  clientFreeFailures: 5,
  /** The first lockout; each further wrong code doubles it. */
  clientLockoutMs: 60_000,
  clientMaxLockoutMs: 3_600_000,
  /** A client's record is forgotten this long after its last wrong code. */
  clientForgetMs: 24 * 3_600_000,
  /** Client records kept at most (the oldest expired one goes first). */
  maxClients: 4096,
  globalWindowMs: 3_600_000,
  /** Wrong codes from all clients in any rolling window before only first tries are checked. */
  globalMaxFailures: 100,
} as const;

export type PairingLimits = { -readonly [K in keyof typeof PAIRING_LIMITS]: number };

/** Why a code was not checked: which limit, and when the client may try again. */
export interface PairingRefusal {
  readonly scope: 'client' | 'global';
  readonly retryAfterMs: number;
}

/** A lockout or global saturation just began (reported once, for the module's screen). */
export interface PairingAlarm {
  readonly scope: 'client' | 'global';
  readonly client: string;
  /** Wrong codes of this client (client scope) or in the global window (global scope). */
  readonly failures: number;
  readonly lockedMs: number;
  /** Distinct client addresses with a wrong code in the global window. */
  readonly clients: number;
}

interface ClientRecord {
  failures: number;
  lastFailure: number;
  lockedUntil: number;
}

/**
 * Counts wrong pairing codes per client address and in all, and says whether the next code of a
 * client may be checked. A refused code is not checked at all, so a lockout holds even for the
 * right code; nothing here ever changes the code itself.
 */
export class PairingLimiter {
  private readonly clients = new Map<string, ClientRecord>();
  private readonly window: Array<{ at: number; client: string }> = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: PairingLimits = { ...PAIRING_LIMITS },
  ) {}

  /** undefined when `client`'s next code may be checked, else why not. */
  refusal(client: string): PairingRefusal | undefined {
    const t = this.now();
    const rec = this.record(client, t);
    if (rec && rec.lockedUntil > t) return { scope: 'client', retryAfterMs: rec.lockedUntil - t };
    if (isOnModule(client)) return undefined;
    this.pruneWindow(t);
    if (this.window.length >= this.limits.globalMaxFailures && this.window.some((f) => f.client === client)) {
      return { scope: 'global', retryAfterMs: this.window[0]!.at + this.limits.globalWindowMs - t };
    }
    return undefined;
  }

  /** Counts a wrong code; returns the alarm when it starts a lockout or fills the global window. */
  failed(client: string): PairingAlarm | undefined {
    const t = this.now();
    const rec = this.record(client, t) ?? this.add(client, t);
    rec.failures += 1;
    rec.lastFailure = t;
    let alarm: PairingAlarm | undefined;
    if (rec.failures >= this.limits.clientFreeFailures) {
      const lockedMs = Math.min(this.limits.clientLockoutMs * 2 ** (rec.failures - this.limits.clientFreeFailures), this.limits.clientMaxLockoutMs);
      rec.lockedUntil = t + lockedMs;
      alarm = { scope: 'client', client, failures: rec.failures, lockedMs, clients: 0 };
    }
    if (isOnModule(client)) return alarm;
    this.pruneWindow(t);
    this.window.push({ at: t, client });
    if (this.window.length === this.limits.globalMaxFailures) {
      alarm = { scope: 'global', client, failures: this.window.length, lockedMs: this.limits.globalWindowMs, clients: new Set(this.window.map((f) => f.client)).size };
    }
    return alarm;
  }

  /** The right code: the client's record goes (its earlier failures stay in the global window). */
  succeeded(client: string): void {
    this.clients.delete(client);
  }

  private record(client: string, t: number): ClientRecord | undefined {
    const rec = this.clients.get(client);
    if (rec && t - rec.lastFailure >= this.limits.clientForgetMs && rec.lockedUntil <= t) {
      this.clients.delete(client);
      return undefined;
    }
    return rec;
  }

  private add(client: string, t: number): ClientRecord {
    if (this.clients.size >= this.limits.maxClients) this.evictOne(t);
    const rec: ClientRecord = { failures: 0, lastFailure: t, lockedUntil: 0 };
    this.clients.set(client, rec);
    return rec;
  }

  /** Drops the client whose lockout ended longest ago (or, when all are locked, the oldest). */
  private evictOne(t: number): void {
    let victim: string | undefined;
    let best = Infinity;
    for (const [k, r] of this.clients) {
      const key = r.lockedUntil <= t ? r.lastFailure : r.lastFailure + this.limits.clientForgetMs;
      if (key < best) [victim, best] = [k, key];
    }
    if (victim !== undefined) this.clients.delete(victim);
  }

  private pruneWindow(t: number): void {
    let drop = 0;
    while (drop < this.window.length && t - this.window[drop]!.at >= this.limits.globalWindowMs) drop++;
    if (drop) this.window.splice(0, drop);
  }
}

/**
 * The key a remote address is counted under: an IPv4 address as it is, an IPv6 address by its /64
 * (one host on a LAN holds a whole /64), an IPv4-mapped IPv6 address as IPv4.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  if (address === '::1') return address;
  return expandIpv6(address).slice(0, 4).join(':') + '::/64';
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const a = head ? head.split(':') : [];
  const b = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - a.length - b.length).fill('0');
  return [...a, ...fill, ...b].map((g) => (g.includes('.') ? g : g.toLowerCase().replace(/^0+(?=.)/, '')));
}

function isOnModule(client: string): boolean {
  return client === '::1' || /^127\./.test(client);
}
