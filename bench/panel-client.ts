import { PNG } from 'pngjs';
import WebSocket from 'ws';

/** Binary message tags of the panel's websocket (core/web/wire-format.ts). */
const TAG_SCREEN_PNG = 1;
const TAG_AUDIO = 2;
const HEADER_BYTES = 4;

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

/** What a PanelClient also knows: the control events it sent and whether the socket is closed. */
export interface PanelClientCounts extends PanelClientStats {
  readonly controlsSent: number;
  readonly closed: boolean;
}

/**
 * What the browser panel does over its websocket (web/js/live-socket.js, panel.js): fetches
 * /api/info, connects to /ws (which sends the screen's PNGs from the start), subscribes to the
 * audio and reads every frame: each PNG is decoded to RGBA as the page draws it, each audio chunk
 * read sample by sample as the page's player copies it; `control` sends what its knobs and gate
 * buttons send. bench:patches and bench:soak-start connect one to the host they measure.
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
  private controlsSent = 0;

  private constructor(private readonly ws: WebSocket) {}

  static async connect(url: string, userAgent = 'neurorack bench panel client'): Promise<PanelClient> {
    const info = (await (await fetch(new URL('api/info', url))).json()) as { audioRate?: number };
    const origin = new URL(url).origin;
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { origin, headers: { 'user-agent': userAgent } });
    const client = new PanelClient(ws);
    if (info.audioRate) client.audioRate = info.audioRate;
    ws.on('message', (data: Buffer, isBinary: boolean) => client.onMessage(data, isBinary));
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

  /** Sends one control event, exactly as the panel does ({type:'cv', jack, volts}, {type:'gate', jack, state}). */
  control(event: object): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify({ type: 'control', event }));
    this.controlsSent++;
  }

  close(): void {
    this.ws.close();
  }

  stats(): PanelClientCounts {
    return {
      screenFrames: this.screenFrames, screenBytes: this.screenBytes, audioSeconds: this.audioSamples / this.audioRate,
      stateMessages: this.stateMessages, errors: [...this.errors], controlsSent: this.controlsSent, closed: this.closedAt > 0,
      connectedS: ((this.closedAt || performance.now()) - this.openedAt) / 1000,
    };
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      const msg = JSON.parse(data.toString('utf8')) as { type: string; error?: { code: string }; info?: { audioRate?: number }; audioRate?: number };
      if (msg.type === 'state') this.stateMessages++;
      else if (msg.type === 'error') this.errors.push(msg.error?.code ?? 'error');
      else if (msg.type === 'hello' && msg.info?.audioRate) this.audioRate = msg.info.audioRate;
      else if (msg.type === 'subscribed' && msg.audioRate) this.audioRate = msg.audioRate;
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
