import type { RackSource } from '../../core/config/load-rack';
import { Host, type HostOptions } from '../../core/host/host';
import { startWeb } from '../../core/host/start-web';
import { VirtualClock } from '../../core/scheduler/virtual-clock';
import type { WebServer } from '../../core/web/create-web-server';
import { settleOn, waitFor, type WaitOptions } from './wait-for';

/** A host a test booted; `stop()` ends what the helper started, the web server first. */
export interface BootedHost {
  readonly host: Host;
  /** Starts `neurorack start`'s web server for this host on a free loopback port; `stop()` closes it. */
  serveWeb(): Promise<{ server: WebServer; url: string }>;
  /** Closes the web server, if one was served, then stops the host. Call it in `after` or `finally`. */
  stop(): Promise<void>;
}

/** A host booted on a virtual clock: nothing moves unless the test moves `clock`. */
export interface VirtualBootedHost extends BootedHost {
  readonly clock: VirtualClock;
  /** `waitFor` with the virtual clock moved 20 ms and 5 real ms slept between looks (default 20 s of real time). */
  until<T>(what: string, read: () => T | Promise<T>, options?: WaitOptions<T>): Promise<T>;
  /** Moves the clock on (20 ms steps, 5 real ms apart) until `work` settles, and returns it. */
  settle<T>(work: Promise<T>): Promise<T>;
}

/**
 * Boots a host on `source` (e.g. `{ profile: 'virtual' }`) on the rack's own clock. Errors the host
 * reports are dropped unless `options.onError` takes them.
 */
export async function bootHost(source: RackSource, options: HostOptions = {}): Promise<BootedHost> {
  const host = await Host.boot(source, { onError: () => undefined, ...options });
  return booted(host, () => host.stop());
}

/**
 * Boots a host on `source` (e.g. `{ profile: 'test' }`) on a fresh VirtualClock, moving it on 5 ms
 * at a time while the host boots; its `stop()` moves it on 100 ms while the host stops. Errors the
 * host reports are dropped unless `options.onError` takes them.
 */
export async function bootHostOnVirtualClock(source: RackSource, options: Omit<HostOptions, 'clock'> = {}): Promise<VirtualBootedHost> {
  const clock = new VirtualClock();
  const host = await settleOn(clock, Host.boot(source, { onError: () => undefined, ...options, clock }), { advanceMs: 5, intervalMs: 0 });
  const base = booted(host, async () => {
    const stopping = host.stop();
    await clock.advance(100);
    await stopping;
  });
  return {
    ...base,
    clock,
    until: (what, read, waitOptions) => waitFor(what, read, { timeoutMs: 20_000, intervalMs: 5, ...waitOptions, clock }),
    settle: (work) => settleOn(clock, work),
  };
}

function booted(host: Host, stopHost: () => Promise<void>): BootedHost {
  let server: WebServer | undefined;
  return {
    host,
    async serveWeb() {
      const web = await startWeb(host, { port: 0 }, () => undefined);
      server = web.server;
      return web;
    },
    async stop() {
      await server?.close();
      await stopHost();
    },
  };
}
