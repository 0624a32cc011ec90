import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PairingLimiter, type PairingAlarm, type PairingLimits, type PairingRefusal } from './pairing-limiter';

/** Ten digits: 10^10 codes, so guessing at the rates PAIRING_LIMITS allows takes years. */
export const PAIRING_CODE_DIGITS = 10;
/** The cookie that carries a paired browser's session token. */
export const PAIRING_COOKIE = 'nr_session';
/** The header (or `?pair=` query) that carries a code or a session token for tools and websockets. */
export const PAIRING_HEADER = 'x-neurorack-pairing';

/** A session token: 24 random bytes in hex. A value of this shape is never taken for a code. */
const SESSION_TOKEN = /^[0-9a-f]{48}$/;

/** What became of the credentials a request offered. */
export type PairingOutcome =
  | { readonly kind: 'paired'; readonly token?: string }
  | { readonly kind: 'wrong' }
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly refusal: PairingRefusal };

export interface PairingOptions {
  /** Told the code once, at start (it never changes while the server runs). */
  readonly onCode: (code: string) => void;
  /** Told when a client is locked out or the global window fills (for the module's screen). */
  readonly onAlarm?: (alarm: PairingAlarm, code: string) => void;
  /** A fixed code instead of a random one (tests only). */
  readonly fixedCode?: string;
  readonly now?: () => number;
  readonly limits?: PairingLimits;
}

/**
 * The pairing state of one server start: a random ten-digit code (shown on the module's screen)
 * and the session tokens of browsers that proved they saw it. Every code offered, whatever path it
 * came by (cookie, header, `?pair=`, POST /api/pair), goes through one PairingLimiter: a client
 * that is locked out, or a client that already failed while the global window is full, is refused
 * without its code being checked. Failures never change the code, so a stranger cannot replace the
 * code the performer is reading off the screen.
 */
export class Pairing {
  readonly code: string;
  private readonly sessions = new Set<string>();
  private readonly limiter: PairingLimiter;

  constructor(private readonly options: PairingOptions) {
    this.code = options.fixedCode ?? newCode();
    this.limiter = new PairingLimiter(options.now, options.limits);
    options.onCode(this.code);
  }

  /**
   * Checks what a client offered. A known session token pairs at once (a stale one is ignored: it
   * cannot be a code); any other value is a code, checked only when the limiter allows, and each
   * wrong one is counted. `issueToken` hands out a new session token on the right code.
   */
  check(client: string, offered: ReadonlyArray<string | undefined>, issueToken = false): PairingOutcome {
    const codes: string[] = [];
    for (const raw of offered) {
      if (!raw) continue;
      if (SESSION_TOKEN.test(raw)) {
        if (this.sessions.has(raw)) return { kind: 'paired' };
      } else {
        const code = normaliseCode(raw);
        if (!codes.includes(code)) codes.push(code);
      }
    }
    if (!codes.length) return { kind: 'none' };
    for (const code of codes) {
      const refusal = this.limiter.refusal(client);
      if (refusal) return { kind: 'refused', refusal };
      if (sameText(code, this.code)) {
        this.limiter.succeeded(client);
        return { kind: 'paired', ...(issueToken ? { token: this.newSession() } : {}) };
      }
      const alarm = this.limiter.failed(client);
      if (alarm) this.options.onAlarm?.(alarm, this.code);
    }
    return { kind: 'wrong' };
  }

  private newSession(): string {
    const token = randomBytes(24).toString('hex');
    this.sessions.add(token);
    return token;
  }
}

/** The code as the screen shows it: `01234-56789`. */
export function formatPairingCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** Spaces and dashes, as a person types the grouped code, are not part of it. */
function normaliseCode(text: string): string {
  return text.replace(/[\s-]/g, '');
}

function newCode(): string {
  return String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
