import { randomInt } from 'node:crypto';
import { Agent } from 'node:http';
import { PAIRING_CODE_DIGITS } from '../../core/web/pairing';
import { nowMs } from './gaps';
import { classify, PAIRING_PATHS, type PairingPath } from './pairing-paths';

/** Requests in flight at once from the attacking address (its connection cap is 32). */
export const IN_FLIGHT = 16;

/** What became of one path's wrong codes. */
export interface PathCounts {
  sent: number;
  /** Answered as a wrong code (401): the host compared it with the code. */
  checked: number;
  /** Refused by a limit without being compared (429). */
  refused: number;
  /** Paired: a guess was right (never expected). */
  paired: number;
  other: number;
  statuses: Record<string, number>;
}

export interface FloodFigures {
  readonly perPath: ReadonlyMap<PairingPath, PathCounts>;
  readonly seconds: number;
  /** The longest Retry-After of a refusal, s: the lockout reached. */
  readonly longestRetryS: number;
  /** When the flood began (wall ms). */
  readonly startedAt: number;
}

/**
 * Wrong codes from `from` to `target` for `seconds`: one by each path first, then IN_FLIGHT at a
 * time round-robin over the paths, as fast as the host answers. Never sends `code`.
 */
export async function floodWrongCodes(target: string, code: string, from: string, seconds: number): Promise<FloodFigures> {
  const perPath = new Map<PairingPath, PathCounts>(PAIRING_PATHS.map((p) => [p, { sent: 0, checked: 0, refused: 0, paired: 0, other: 0, statuses: {} }]));
  let longestRetryS = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const attempt = async (path: PairingPath): Promise<void> => {
    const t = await path.send(target, wrongCode(code), from, agent);
    const c = perPath.get(path)!;
    c.sent++;
    c[classify(t)]++;
    c.statuses[String(t.status)] = (c.statuses[String(t.status)] ?? 0) + 1;
    if (t.retryAfterS) longestRetryS = Math.max(longestRetryS, t.retryAfterS);
  };
  const startedAt = nowMs();
  const end = startedAt + seconds * 1000;
  for (const path of PAIRING_PATHS) await attempt(path);
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (nowMs() < end) await attempt(PAIRING_PATHS[next++ % PAIRING_PATHS.length]!);
  }));
  agent.destroy();
  return { perPath, seconds: (nowMs() - startedAt) / 1000, longestRetryS, startedAt };
}

/** A random code of the right length that is not `code`. */
function wrongCode(code: string): string {
  for (;;) {
    const guess = String(randomInt(0, 10 ** PAIRING_CODE_DIGITS)).padStart(PAIRING_CODE_DIGITS, '0');
    if (guess !== code) return guess;
  }
}
