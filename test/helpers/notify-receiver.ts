import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A stand-in for systemd's notify socket: an AF_UNIX datagram socket (bound by python3) that keeps every message. */
export interface NotifyReceiver {
  readonly socketPath: string;
  readonly messages: string[];
  /** Resolves once a message satisfies `match`, rejects after `ms`. */
  waitFor(match: (m: string) => boolean, ms: number): Promise<string>;
  close(): void;
}

const RECEIVER = [
  'import json, socket, sys',
  's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
  's.bind(sys.argv[1])',
  'print("bound", flush=True)',
  'while True:',
  '    print(json.dumps(s.recv(4096).decode()), flush=True)',
].join('\n');

export async function notifyReceiver(): Promise<NotifyReceiver> {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'nr-notify-')), 'notify.sock');
  const child: ChildProcess = spawn('python3', ['-u', '-c', RECEIVER, socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: string[] = [];
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
        else messages.push(JSON.parse(line) as string);
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
  return { socketPath, messages, waitFor, close: () => child.kill() };
}
