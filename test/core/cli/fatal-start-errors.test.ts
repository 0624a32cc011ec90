import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, paths } from '../../../core/paths';
import { tempRack } from '../../helpers/temp-rack';

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from the error line on stderr to the process's exit. */
  readonly errorToExitMs: number;
}

/** How long a failed command may keep running after it printed its error. */
const EXIT_WITHIN_MS = 1000;
/** A process still running this long after its error is killed. */
const GRACE_MS = 3000;
/** A process that never prints the error is killed after this long. */
const DEADLINE_MS = 30_000;

/**
 * Runs the real CLI (`node bin/neurorack.js ARGS`, as a performer or a supervisor does) until it
 * exits, or kills it `graceMs` after it printed `code` (a process that keeps running fails), or
 * `DEADLINE_MS` after it started.
 */
function runUntilExit(args: string[], code: string, graceMs = GRACE_MS): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin', 'neurorack.js'), ...args], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const deadline = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    let errorAt: number | undefined;
    let killer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (errorAt === undefined && stderr.includes(`neurorack: ${code}`)) {
        errorAt = performance.now();
        killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => {
      clearTimeout(killer);
      clearTimeout(deadline);
      resolve({ code: exitCode, signal, stdout, stderr, errorToExitMs: errorAt === undefined ? Number.NaN : performance.now() - errorAt });
    });
  });
}

function assertFatal(o: Outcome, code: string, exitCode: number): void {
  assert.ok(o.stderr.includes(`neurorack: ${code}`), `the error is printed; stderr:\n${o.stderr}`);
  assert.equal(o.signal, null, `it exits by itself (it was still running ${GRACE_MS} ms after the error and was killed with ${o.signal}); stderr:\n${o.stderr}`);
  assert.equal(o.code, exitCode, `stderr:\n${o.stderr}`);
  assert.ok(o.errorToExitMs < EXIT_WITHIN_MS, `exits within ${EXIT_WITHIN_MS} ms of the error (took ${Math.round(o.errorToExitMs)} ms)`);
}

describe('fatal start errors end the process (neurorack start / doctor, spawned)', function () {
  this.timeout(60_000);
  let busy: Server | undefined;
  after(() => busy?.close());

  it('start with the web port busy: NR_WEB_BIND_FAILED, exit 1', async () => {
    busy = createServer();
    await new Promise<void>((r) => busy!.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    assertFatal(await runUntilExit(['start', '--port', String(port)], 'NR_WEB_BIND_FAILED'), 'NR_WEB_BIND_FAILED', 1);
  });

  it('start --rack with a web host that does not resolve: NR_WEB_BIND_FAILED, exit 1', async () => {
    const rack = tempRack({ web: { host: 'no-such-host.invalid', port: 0 } }, 'virtual');
    assertFatal(await runUntilExit(['start', '--rack', rack], 'NR_WEB_BIND_FAILED'), 'NR_WEB_BIND_FAILED', 1);
  });

  it('start --rack with an unknown audio device: NR_AUDIO_DEVICE_NOT_FOUND, exit 2', async () => {
    const rack = tempRack({ devices: { ...virtualDevices(), audioOut: { binding: 'emulated', device: 'no-such-card' } } }, 'virtual');
    assertFatal(await runUntilExit(['start', '--rack', rack, '--port', '0'], 'NR_AUDIO_DEVICE_NOT_FOUND'), 'NR_AUDIO_DEVICE_NOT_FOUND', 2);
  });

  it('start --rack with an unknown mapping: NR_MAPPING_UNKNOWN, exit 2', async () => {
    const rack = tempRack({ assignments: { cv1: 'no-such-mapping' } }, 'virtual');
    assertFatal(await runUntilExit(['start', '--rack', rack, '--port', '0'], 'NR_MAPPING_UNKNOWN'), 'NR_MAPPING_UNKNOWN', 2);
  });

  it('doctor --rack with an unknown audio device: reports every device, the audio output missing, exit 1', async () => {
    const rack = tempRack({ devices: { ...virtualDevices(), audioOut: { binding: 'emulated', device: 'no-such-card' } } }, 'virtual');
    const o = await runUntilExit(['doctor', '--rack', rack], 'NR_DEVICE_UNAVAILABLE');
    assertFatal(o, 'NR_DEVICE_UNAVAILABLE', 1);
    assert.match(o.stdout, /^missing +audio-out .*NR_AUDIO_DEVICE_NOT_FOUND/m);
    assert.equal(o.stdout.match(/^ok /gm)?.length, 5, `the other five devices are checked:\n${o.stdout}`);
  });
});

function virtualDevices(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(paths.profiles, 'virtual.rack.json'), 'utf8')) as { devices: Record<string, unknown> }).devices;
}
