import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, HostProcess } from '../soak-start/host-process';
import { CliChild } from './cli-child';

export interface BenchOptions {
  /** Seconds of wrong pairing codes. */
  readonly pairSeconds: number;
  /** The longest a `render` of the attacks may run before it is stopped. */
  readonly renderLimitS: number;
}

/**
 * What every attack gets: the package root, folders of its own (the host's banks, state, models and
 * HOME moved there, so no attack writes into the user's ~/.neurorack or the repository), the real
 * host and CLI commands to run; everything started here is stopped by `cleanup()` (also on Ctrl-C).
 */
export class AttackContext {
  private readonly hosts = new Set<HostProcess>();
  private readonly children = new Set<CliChild>();
  private readonly dirs: string[] = [];

  constructor(readonly root: string, readonly options: BenchOptions) {}

  /** A new empty folder under the OS temporary folder, removed at the end. */
  tempDir(name: string): string {
    const dir = mkdtempSync(join(tmpdir(), `neurorack-attacks-${name}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** The environment that moves a host's or command's folders into `dir` (HOME too). */
  isolatedEnv(dir: string): NodeJS.ProcessEnv {
    for (const sub of ['banks', 'state', 'models', 'timbres']) mkdirSync(join(dir, sub), { recursive: true });
    return {
      HOME: dir, NEURORACK_BANKS_DIR: join(dir, 'banks'), NEURORACK_STATE_DIR: join(dir, 'state'),
      NEURORACK_MODELS_DIR: join(dir, 'models'), NEURORACK_TIMBRES_DIR: join(dir, 'timbres'),
    };
  }

  /** `neurorack start` (virtual profile) on a free port, its folders in `dir` (a new one by default). */
  async startHost(options: { host?: string; dir?: string } = {}): Promise<HostProcess> {
    const dir = options.dir ?? this.tempDir('host');
    // A free port of loopback is free on a wildcard bind too (a race with another process is unlikely).
    const host = await HostProcess.start(this.root, await freePort(), 60_000, { host: options.host, env: this.isolatedEnv(dir) });
    this.hosts.add(host);
    return host;
  }

  async stopHost(host: HostProcess): Promise<number | null> {
    this.hosts.delete(host);
    return host.stop();
  }

  /** `node bin/neurorack.js ARGS`, its folders in `dir`. */
  cli(args: readonly string[], dir: string): CliChild {
    const child = CliChild.spawn(this.root, args, this.isolatedEnv(dir));
    this.children.add(child);
    return child;
  }

  /** Stops every host and command still running and removes the temporary folders. */
  async cleanup(): Promise<void> {
    for (const c of this.children) c.stop('SIGKILL');
    this.children.clear();
    await Promise.all([...this.hosts].map((h) => h.stop().catch(() => null)));
    this.hosts.clear();
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}
