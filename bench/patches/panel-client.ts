import { PNG } from 'pngjs';

/** Binary message tags of the panel's websocket (core/web/wire-format.ts). */
const TAG_SCREEN_PNG = 1;
const TAG_AUDIO = 2;
const HEADER_BYTES = 4;

/** The part of a `ws` WebSocket this client uses (`ws` comes with @fastify/websocket and ships no types here). */
interface Ws {
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  send(data: string): void;
  close(): void;
}

export interface PanelClientStats {
  readonly screenFrames: number;
  readonly screenBytes: number;
  /** Seconds of audio received (mono samples / audioRate). */
  readonly audioSeconds: number;
  readonly stateMessages: number;
  readonly errors: readonly string[];
  /** Seconds from connection to close. */
  readonly connectedS: number;
}

/**
 * What the browser panel does over its websocket (web/js/live-socket.js, panel.js): fetches
 * /api/info, connects to /ws (which sends the screen's PNGs from the start), subscribes to the
 * audio and reads every frame: each PNG is decoded to RGBA as the page draws it, each audio chunk
 * read sample by sample as the page's player copies it.
 */
export class PanelClient {
  private screenFrames = 0;
  private screenBytes = 0;
  private audioSamples = 0;
  private audioRate = 48000;
  private stateMessages = 0;
  private readonly errors: string[] = [];
  private openedAt = 0;
  private closedAt = 0;
  private sink = 0;

  private constructor(private readonly ws: Ws) {}

  static async connect(url: string): Promise<PanelClient> {
    const info = (await (await fetch(new URL('api/info', url))).json()) as { audioRate?: number };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const WebSocket = require('ws') as new (url: string, options: { origin: string }) => Ws;
    const origin = new URL(url).origin;
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { origin });
    const client = new PanelClient(ws);
    if (info.audioRate) client.audioRate = info.audioRate;
    ws.on('message', (data, isBinary) => client.onMessage(data, isBinary));
    ws.on('error', (err) => client.errors.push(err.message));
    ws.on('close', () => (client.closedAt ||= performance.now()));
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    client.openedAt = performance.now();
    ws.send(JSON.stringify({ type: 'subscribe', audio: true }));
    return client;
  }

  /** Resolves when the server closes the socket (the run ends), or after `timeoutMs`. */
  async closed(timeoutMs: number): Promise<void> {
    const end = performance.now() + timeoutMs;
    while (!this.closedAt && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
    if (!this.closedAt) this.ws.close();
  }

  stats(): PanelClientStats {
    return {
      screenFrames: this.screenFrames, screenBytes: this.screenBytes, audioSeconds: this.audioSamples / this.audioRate,
      stateMessages: this.stateMessages, errors: this.errors,
      connectedS: ((this.closedAt || performance.now()) - this.openedAt) / 1000,
    };
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      const msg = JSON.parse(data.toString('utf8')) as { type: string; error?: { code: string }; audioRate?: number };
      if (msg.type === 'state') this.stateMessages++;
      if (msg.type === 'error') this.errors.push(msg.error?.code ?? 'error');
      if (msg.type === 'subscribed' && msg.audioRate) this.audioRate = msg.audioRate;
      return;
    }
    const payload = data.subarray(HEADER_BYTES);
    if (data[0] === TAG_SCREEN_PNG) {
      const png = PNG.sync.read(Buffer.from(payload));
      this.sink += png.data[0]!;
      this.screenFrames++;
      this.screenBytes += payload.length;
    } else if (data[0] === TAG_AUDIO) {
      const samples = new Float32Array(payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength));
      let peak = 0;
      for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
      this.sink += peak;
      this.audioSamples += samples.length;
    }
  }
}
