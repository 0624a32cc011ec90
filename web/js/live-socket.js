// The panel's websocket: JSON text messages (hello, state, error, subscribed) and binary frames
// with a 4-byte header whose first byte is the tag (1 screen PNG, 2 audio Float32).

export const TAG_SCREEN_PNG = 1;
export const TAG_AUDIO = 2;
const HEADER_BYTES = 4;

export class LiveSocket {
  constructor(handlers) {
    this.handlers = handlers;
    this.ws = undefined;
    this.wantAudio = false;
    this.retryMs = 500;
  }

  connect() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 500;
      this.handlers.onStatus?.('connected');
      if (this.wantAudio) this.send({ type: 'subscribe', audio: true });
    };
    ws.onclose = () => {
      this.handlers.onStatus?.('disconnected');
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') {
        const msg = JSON.parse(ev.data);
        this.handlers.onMessage?.(msg);
        return;
      }
      const tag = new Uint8Array(ev.data, 0, 1)[0];
      if (tag === TAG_SCREEN_PNG) this.handlers.onScreen?.(new Uint8Array(ev.data, HEADER_BYTES));
      else if (tag === TAG_AUDIO) this.handlers.onAudio?.(new Float32Array(ev.data, HEADER_BYTES));
    };
  }

  /** Sends a control event exactly as a replay event ({type:'cv', jack, volts} ...). */
  control(event) {
    this.send({ type: 'control', event });
  }

  subscribeAudio(on) {
    this.wantAudio = on;
    this.send({ type: 'subscribe', audio: on });
  }

  send(value) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }
}
