import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HOST_NODE_FLAGS } from '../../core/host/host-node-flags';

/** The host's figures as /proc shows them from outside: what `ps` and `top` would. */
export interface ProcFigures {
  /** Resident memory, bytes (VmRSS). */
  readonly rssBytes: number;
  /** CPU time of every thread together, seconds (utime + stime). */
  readonly cpuSeconds: number;
}

/** How a HostProcess is started beyond its port (bench:attacks binds it beyond loopback, moves its folders). */
export interface HostStartOptions {
  /** `--host ADDRESS` (default: the rack's, 127.0.0.1). Anything not loopback turns pairing on. */
  readonly host?: string;
  /** Extra environment (e.g. NEURORACK_BANKS_DIR), over the bench's own. */
  readonly env?: NodeJS.ProcessEnv;
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
 * The real host, `node bin/neurorack.js start --port N` with the host's Node flags, as a performer runs it: a process of its
 * own, observed from outside (/proc) and through its web server.
 */
export class HostProcess {
  private readonly ticksPerSecond = clockTicks();
  private stderrTail = '';

  /**
   * @param pairingCode the code the host printed beside its panel address (`12345-67890`), when
   *   it serves beyond loopback.
   */
  private constructor(private readonly child: ChildProcess, readonly url: string, readonly pairingCode: string | undefined) {}

  static async start(root: string, port: number, timeoutMs = 60_000, options: HostStartOptions = {}): Promise<HostProcess> {
    const args = [join(root, 'bin', 'neurorack.js'), 'start', '--port', String(port), ...(options.host ? ['--host', options.host] : [])];
    const child = spawn(process.execPath, [...HOST_NODE_FLAGS, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let tail = '';
    child.stderr!.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-4000)));
    const panel = await new Promise<RegExpExecArray>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        // A host that never got ready is not left running behind the bench.
        child.kill('SIGKILL');
        reject(new Error(`the host did not print its panel address within ${timeoutMs} ms:\n${tail}`));
      }, timeoutMs);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Panel: (http:\/\/\S+)(?:\s+\(pairing code (\d{5}-\d{5}))?/.exec(out);
        if (m && /\n/.test(out.slice(m.index))) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the host exited (${code}) before it was ready:\n${tail}`));
      });
    });
    const host = new HostProcess(child, panel[1]!, panel[2]);
    child.stderr!.on('data', (d: Buffer) => (host.stderrTail = (host.stderrTail + d.toString()).slice(-4000)));
    host.stderrTail = tail;
    return host;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The host's exit code once it has exited (null while it runs, or when a signal ended it). */
  get exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.child.exitCode !== null || this.child.signalCode !== null ? { code: this.child.exitCode, signal: this.child.signalCode } : undefined;
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
