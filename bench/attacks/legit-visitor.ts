import { httpRequest, statusOf } from './http-client';

/** What a performer's browser got while it kept opening the panel page. */
export interface VisitFigures {
  readonly tries: number;
  /** Answered 200 with the page. */
  readonly answered: number;
  /** Time of the first 200 from the start, ms (null: none). */
  readonly firstAnswerMs: number | null;
  /** Slowest 200, ms. */
  readonly slowestMs: number | null;
  /** Statuses and socket errors of the tries that failed. */
  readonly failures: Record<string, number>;
}

/**
 * A performer opening the panel (GET / as a browser asks for a page) from `from` on a new socket,
 * again `everyMs` after each answer or failure, until `stop()`; each try bounded by `timeoutMs`.
 */
export function legitVisitor(base: string, from: string, everyMs: number, timeoutMs: number): { stop(): Promise<VisitFigures> } {
  const started = performance.now();
  let running = true;
  let tries = 0;
  let answered = 0;
  let firstAnswerMs: number | null = null;
  let slowestMs: number | null = null;
  const failures: Record<string, number> = {};
  const loop = (async () => {
    while (running) {
      tries++;
      const a = await httpRequest(base, { path: '/', from, headers: { accept: 'text/html' }, timeoutMs });
      if (!('error' in a) && a.status === 200) {
        answered++;
        firstAnswerMs ??= performance.now() - started;
        slowestMs = Math.max(slowestMs ?? 0, a.ms);
      } else {
        const s = String(statusOf(a));
        failures[s] = (failures[s] ?? 0) + 1;
      }
      if (running) await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { tries, answered, firstAnswerMs, slowestMs, failures };
    },
  };
}
