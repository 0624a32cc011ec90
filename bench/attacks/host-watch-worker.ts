import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { nowMs } from './gaps';
import type { WatchOptions, WatchSnapshot } from './host-watch';

/**
 * The watcher's thread (host-watch.ts): its own event loop, so the attacks' work on the bench's
 * main thread does not delay its polls. Asks `options.url` every `probeEveryMs` on one keep-alive
 * socket (from `localAddress`) and reads VmRSS of `pid` every `rssEveryMs`.
 */
const options = workerData as WatchOptions;
const answers: number[] = [];
const latencies: number[] = [];
const rss: Array<[number, number]> = [];
let failures = 0;
let running = true;

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const url = new URL(options.url);

function ask(): Promise<void> {
  const started = nowMs();
  return new Promise((resolve) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, agent, timeout: 120_000,
      headers: { accept: 'application/json', ...options.headers }, ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    }, (res) => {
      res.resume();
      res.on('end', () => {
        const t = nowMs();
        if (res.statusCode === 200) {
          answers.push(t);
          latencies.push(t - started);
        } else failures++;
        resolve();
      });
      res.on('error', () => (failures++, resolve()));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => (failures++, resolve()));
    req.end();
  });
}

async function probeLoop(): Promise<void> {
  while (running) {
    const started = nowMs();
    await ask();
    const wait = started + options.probeEveryMs - nowMs();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

function sampleRss(): void {
  try {
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${options.pid}/status`, 'utf8'))?.[1]);
    if (kb > 0) rss.push([nowMs(), kb * 1024]);
  } catch {
    // The process is gone; the attack's report says so.
  }
}

const rssTimer = setInterval(sampleRss, options.rssEveryMs);
void probeLoop();

parentPort!.on('message', (message: { type: 'snapshot' | 'stop' }) => {
  const snapshot: WatchSnapshot = { answers: [...answers], latencies: [...latencies], rss: [...rss], failures };
  if (message.type === 'stop') {
    running = false;
    clearInterval(rssTimer);
    agent.destroy();
  }
  parentPort!.postMessage(snapshot);
  if (message.type === 'stop') parentPort!.close();
});
