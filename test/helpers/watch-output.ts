import type { ChildProcess } from 'node:child_process';

/** What a spawned process wrote so far, and a bounded wait for a line matching a pattern. */
export interface WatchedOutput {
  out(): string;
  /** Resolves with the first match of `re` in the output; rejects after `ms` or when the process ends first. */
  until(re: RegExp, ms: number): Promise<RegExpMatchArray>;
}

/** Collects a spawned process's stdout and stderr and tells when a line matching a pattern has appeared. */
export function watchOutput(child: ChildProcess): WatchedOutput {
  let text = '';
  const waiters: Array<() => void> = [];
  const feed = (b: Buffer) => {
    text += b.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', feed);
  child.stderr!.on('data', feed);
  child.on('exit', () => {
    for (const w of waiters.splice(0)) w();
  });
  return {
    out: () => text,
    until: (re, ms) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${re} within ${ms} ms; output:\n${text}`)), ms);
      const check = () => {
        const m = text.match(re);
        if (m) {
          clearTimeout(timer);
          return resolve(m);
        }
        if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          return reject(new Error(`the process ended (${child.exitCode ?? child.signalCode}) before ${re}; output:\n${text}`));
        }
        waiters.push(check);
      };
      check();
    }),
  };
}
