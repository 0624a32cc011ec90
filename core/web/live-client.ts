import { NeurorackError } from '../errors/neurorack-error';

/** Above this much unsent data a client is slow: screen frames, audio and state updates are dropped for it. */
export const LIVE_MAX_BUFFERED_BYTES = 1 << 20;
/**
 * Above this much unsent data the client is closed: only replies to its own messages (acks,
 * errors) are still queued past LIVE_MAX_BUFFERED_BYTES, so a client that keeps sending and
 * never reads gets here.
 */
export const LIVE_CLOSE_BUFFERED_BYTES = 4 << 20;

/** The part of a `ws` WebSocket a client's outbox uses. */
export interface OutboxSocket {
  readonly OPEN: number;
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Buffer): void;
  terminate(): void;
}

/** What is sent, counted per kind. */
export type LiveMessageKind = 'screen' | 'audio' | 'state' | 'reply';

/** One client as GET /api/stats reports it. */
export interface LiveClientReport {
  readonly id: number;
  /** Where it connects from (address:port) and its User-Agent. */
  readonly name: string;
  readonly connectedS: number;
  readonly audio: boolean;
  readonly bufferedBytes: number;
  readonly sent: Readonly<Record<LiveMessageKind, number>>;
  readonly dropped: Readonly<Record<LiveMessageKind, number>>;
}

/**
 * One websocket client's outbox: what it may be sent now, and how a client that stops reading is
 * kept from growing the host. Screen frames, audio and state updates are dropped while more than
 * LIVE_MAX_BUFFERED_BYTES wait to be sent (the newest screen and state reach it once it reads
 * again); past LIVE_CLOSE_BUFFERED_BYTES the client is closed. Each episode is reported once
 * through `report`, naming the client: NR_WEB_CLIENT_SLOW when dropping starts (and how much was
 * dropped when it recovers), NR_WEB_CLIENT_CLOSED when it is closed.
 */
export class LiveClient {
  readonly sent: Record<LiveMessageKind, number> = { screen: 0, audio: 0, state: 0, reply: 0 };
  readonly dropped: Record<LiveMessageKind, number> = { screen: 0, audio: 0, state: 0, reply: 0 };
  audio = false;
  private slowSince: number | undefined;
  private droppedInEpisode = 0;
  private closed = false;
  private readonly connectedAt = performance.now();

  constructor(
    readonly id: number,
    readonly name: string,
    private readonly socket: OutboxSocket,
    private readonly report: (err: NeurorackError) => void,
  ) {}

  /** A frame or update that may be dropped for a slow client; returns whether it was sent. */
  offer(kind: Exclude<LiveMessageKind, 'reply'>, data: string | Buffer): boolean {
    if (!this.open()) return false;
    if (this.socket.bufferedAmount > LIVE_MAX_BUFFERED_BYTES) {
      this.dropped[kind]++;
      this.droppedInEpisode++;
      if (this.slowSince === undefined) {
        this.slowSince = performance.now();
        this.report(new NeurorackError('NR_WEB_CLIENT_SLOW', `web client ${this.name} is not reading its websocket (${this.socket.bufferedAmount} bytes unsent): screen frames, audio and state updates are dropped for it until it reads again`));
      }
      return false;
    }
    if (this.slowSince !== undefined) {
      const seconds = (performance.now() - this.slowSince) / 1000;
      this.report(new NeurorackError('NR_WEB_CLIENT_SLOW', `web client ${this.name} reads again after ${seconds.toFixed(1)} s; ${this.droppedInEpisode} messages were dropped for it`));
      this.slowSince = undefined;
      this.droppedInEpisode = 0;
    }
    this.socket.send(data);
    this.sent[kind]++;
    return true;
  }

  /** A reply to the client's own message (hello, ack, error, subscribed): never dropped, but bounded by closing the client. */
  reply(value: object): void {
    if (!this.open()) return;
    this.socket.send(JSON.stringify(value));
    this.sent.reply++;
    this.closeIfOverfull();
  }

  /** Whether the socket can take messages (and has not been closed for growing). */
  open(): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false;
    return !this.closeIfOverfull();
  }

  reportNow(): LiveClientReport {
    return {
      id: this.id, name: this.name, connectedS: (performance.now() - this.connectedAt) / 1000, audio: this.audio,
      bufferedBytes: this.socket.bufferedAmount, sent: { ...this.sent }, dropped: { ...this.dropped },
    };
  }

  private closeIfOverfull(): boolean {
    if (this.closed) return true;
    const unsent = this.socket.bufferedAmount;
    if (unsent <= LIVE_CLOSE_BUFFERED_BYTES) return false;
    this.closed = true;
    this.report(new NeurorackError('NR_WEB_CLIENT_CLOSED', `web client ${this.name} was closed: ${unsent} bytes waited to be sent (at most ${LIVE_CLOSE_BUFFERED_BYTES}); it kept sending without reading`));
    this.socket.terminate();
    return true;
  }
}
