import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The host's figures as /proc shows them from outside: what `ps` and `top` would. */
export interface ProcFigures {
  /** Resident memory, bytes (VmRSS). */
  readonly rssBytes: number;
  /** CPU time of every thread together, seconds (utime + stime). */
  readonly cpuSeconds: number;
}

/** A free TCP port on loopback (the OS picks it; a race with another process is unlikely). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The real host, `node bin/neurorack.js start --port N`, as a performer runs it: a process of its
 * own, observed from outside (/proc) and through its web server.
 */
export class HostProcess {
  private readonly ticksPerSecond = clockTicks();
  private stderrTail = '';

  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(root: string, port: number, timeoutMs = 60_000): Promise<HostProcess> {
    const child = spawn(process.execPath, [join(root, 'bin', 'neurorack.js'), 'start', '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    child.stderr!.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-4000)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the host did not print its panel address within ${timeoutMs} ms:\n${tail}`)), timeoutMs);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Panel: (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the host exited (${code}) before it was ready:\n${tail}`));
      });
    });
    const host = new HostProcess(child, url);
    child.stderr!.on('data', (d: Buffer) => (host.stderrTail = (host.stderrTail + d.toString()).slice(-4000)));
    host.stderrTail = tail;
    return host;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** What the host wrote on stderr lately (reports of slow clients, errors). */
  get stderr(): string {
    return this.stderrTail;
  }

  /** VmRSS and utime + stime of the host process, from /proc. */
  figures(): ProcFigures {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, utime field 14, stime field 15 (man 5 proc).
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssBytes: rssKb * 1024, cpuSeconds: ticks / this.ticksPerSecond };
  }

  /** GET a JSON route of the host's web server. */
  async get<T>(route: string): Promise<T> {
    const res = await fetch(new URL(route, this.url));
    if (!res.ok) throw new Error(`GET ${route}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Stops the host as Ctrl-C does; resolves with its exit code. */
  async stop(timeoutMs = 20_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
