import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A stand-in for systemd's notify socket: an AF_UNIX datagram socket (bound by python3) that keeps every message. */
export interface NotifyReceiver {
  readonly socketPath: string;
  readonly messages: string[];
  /** When each message arrived (Date.now() milliseconds, taken by the receiver as it read it). */
  readonly times: number[];
  /** Resolves once a message satisfies `match`, rejects after `ms`. */
  waitFor(match: (m: string) => boolean, ms: number): Promise<string>;
  close(): void;
}

const RECEIVER = [
  'import json, socket, sys, time',
  's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
  's.bind(sys.argv[1])',
  'print("bound", flush=True)',
  'while True:',
  '    m = s.recv(4096).decode()',
  '    print(json.dumps([m, time.time() * 1000]), flush=True)',
].join('\n');

export async function notifyReceiver(): Promise<NotifyReceiver> {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'nr-notify-')), 'notify.sock');
  const child: ChildProcess = spawn('python3', ['-u', '-c', RECEIVER, socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: string[] = [];
  const times: number[] = [];
  const waiters: Array<() => void> = [];
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.on('data', (b: Buffer) => {
      buffered += b.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line === 'bound') resolve();
        else {
          const [m, at] = JSON.parse(line) as [string, number];
          messages.push(m);
          times.push(at);
        }
      }
      for (const w of waiters.splice(0)) w();
    });
  });
  const waitFor = (match: (m: string) => boolean, ms: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notify message in ${ms} ms; got ${JSON.stringify(messages)}`)), ms);
      const check = () => {
        const found = messages.find(match);
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return { socketPath, messages, times, waitFor, close: () => child.kill() };
}
