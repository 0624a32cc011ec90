import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Wrong codes accepted before the code is replaced by a new one (shown on the screen again). */
export const PAIRING_MAX_FAILURES = 5;
export const PAIRING_CODE_DIGITS = 6;
/** The cookie that carries a paired browser's session token. */
export const PAIRING_COOKIE = 'nr_session';
/** The header (or `?pair=` query) that carries a code or a session token for tools and websockets. */
export const PAIRING_HEADER = 'x-neurorack-pairing';

/**
 * The pairing state of one server start: a random six-digit code (shown on the module's screen),
 * and the session tokens of browsers that proved they saw it. After five wrong codes the code is
 * replaced, so guessing 10^6 codes online is out of reach. `onCode` is told each new code.
 */
export class Pairing {
  private current: string;
  private failures = 0;
  private readonly sessions = new Set<string>();

  constructor(private readonly onCode: (code: string) => void, fixedCode?: string) {
    this.current = fixedCode ?? newCode();
    onCode(this.current);
  }

  get code(): string {
    return this.current;
  }

  /** Checks a code; on success returns a new session token, on failure counts it (and may rotate). */
  pair(code: string): string | undefined {
    if (sameText(code, this.current)) {
      this.failures = 0;
      const token = randomBytes(24).toString('hex');
      this.sessions.add(token);
      return token;
    }
    if (++this.failures >= PAIRING_MAX_FAILURES) {
      this.failures = 0;
      this.current = newCode();
      this.onCode(this.current);
    }
    return undefined;
  }

  /** A session token handed out by `pair`, or the current code itself (for scripts). */
  accepts(credential: string | undefined): boolean {
    if (!credential) return false;
    return this.sessions.has(credential) || sameText(credential, this.current);
  }
}

function newCode(): string {
  return String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
