import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Tells the service manager about the host's life (systemd's sd_notify protocol): READY=1 once the
 * host plays, WATCHDOG=1 from the main loop while it runs, STOPPING=1 on the way out. Every method
 * is a no-op outside systemd (no NOTIFY_SOCKET).
 */
export interface ServiceNotifier {
  /** True under a service manager that listens (NOTIFY_SOCKET set). */
  readonly active: boolean;
  /** Milliseconds between watchdog pings (half of WATCHDOG_USEC), or undefined without a watchdog. */
  readonly watchdogIntervalMs: number | undefined;
  /**
   * READY=1 with a status line; starts the watchdog: every `watchdogIntervalMs` this thread asks
   * `alive` (default: always) and sends WATCHDOG=1 only when it says yes. The host passes
   * {@link audioProgress}, so the pings prove both this loop and the audio worker are running.
   */
  ready(status: string, alive?: () => boolean): void;
  /** STATUS=... alone. */
  status(status: string): void;
  /** STOPPING=1; stops the pings. */
  stopping(): void;
  /** Stops the pings and the helper. */
  close(): void;
}

/**
 * The notify socket is an AF_UNIX datagram socket, which Node's dgram cannot open. One long-lived
 * helper (python3, present wherever node-gyp builds the host's native modules) forwards each line
 * of its stdin as one datagram. It stays alive, so systemd can match every message to the service's
 * cgroup: short-lived `systemd-notify` processes race with that lookup and may be dropped. The pings
 * come from the host's main loop, and only while `alive` holds, so a host whose loop hangs, or whose
 * audio worker stops producing blocks, stops them and is restarted.
 */
const HELPER = [
  'import json, os, socket, sys',
  'addr = os.environ["NOTIFY_SOCKET"]',
  'addr = "\\0" + addr[1:] if addr.startswith("@") else addr',
  's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
  'for line in sys.stdin:',
  '    s.sendto(json.loads(line).encode(), addr)',
].join('\n');

export interface NotifierOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly pid?: number;
  readonly python?: string;
}

export function systemdNotifier(options: NotifierOptions = {}): ServiceNotifier {
  const env = options.env ?? process.env;
  const socketPath = env['NOTIFY_SOCKET'];
  const watchdogUsec = Number(env['WATCHDOG_USEC']);
  const watchdogPid = env['WATCHDOG_PID'];
  const forUs = watchdogPid === undefined || Number(watchdogPid) === (options.pid ?? process.pid);
  const watchdogIntervalMs = socketPath && forUs && watchdogUsec > 0 ? Math.max(1, Math.floor(watchdogUsec / 2000)) : undefined;
  if (!socketPath) {
    return { active: false, watchdogIntervalMs: undefined, ready() {}, status() {}, stopping() {}, close() {} };
  }
  let helper: ChildProcess | undefined = spawn(options.python ?? 'python3', ['-u', '-c', HELPER], {
    env: { NOTIFY_SOCKET: socketPath, PATH: env['PATH'] ?? '/usr/bin:/bin' },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  helper.on('error', () => (helper = undefined));
  helper.on('exit', () => (helper = undefined));
  helper.stdin?.on('error', () => (helper = undefined));
  helper.unref();
  (helper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  let timer: NodeJS.Timeout | undefined;
  const send = (message: string) => helper?.stdin?.write(JSON.stringify(message) + '\n');
  const stopPings = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    active: true,
    watchdogIntervalMs,
    ready(status, alive = () => true) {
      send(`READY=1\nSTATUS=${status}\nMAINPID=${options.pid ?? process.pid}`);
      if (watchdogIntervalMs !== undefined && !timer) {
        timer = setInterval(() => alive() && send('WATCHDOG=1'), watchdogIntervalMs);
        timer.unref();
      }
    },
    status(status) {
      send(`STATUS=${status}`);
    },
    stopping() {
      stopPings();
      send('STOPPING=1');
    },
    close() {
      stopPings();
      helper?.stdin?.end();
      helper = undefined;
    },
  };
}
