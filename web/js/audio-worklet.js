// AudioWorkletProcessor playing the module's output streamed over the websocket. Chunks arrive by
// port messages into a ring of about one second; playback starts once a small cushion is buffered
// and pauses (silence, counted as an underrun) when the ring runs dry, so network jitter becomes
// a short gap rather than a click storm.

const RING = 65536;

class NeurorackStream extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.ring = new Float32Array(RING);
    this.read = 0;
    this.write = 0;
    this.cushion = (options.processorOptions && options.processorOptions.cushion) || 2048;
    this.playing = false;
    this.underruns = 0;
    this.port.onmessage = (ev) => this.push(ev.data);
  }

  available() {
    return (this.write - this.read + RING) % RING;
  }

  push(chunk) {
    for (let i = 0; i < chunk.length; i++) {
      this.ring[this.write] = chunk[i];
      this.write = (this.write + 1) % RING;
      if (this.write === this.read) this.read = (this.read + 1) % RING; // overrun: drop the oldest
    }
  }

  process(_inputs, outputs) {
    const out = outputs[0][0];
    if (!this.playing && this.available() >= this.cushion) this.playing = true;
    for (let i = 0; i < out.length; i++) {
      if (this.playing && this.available() > 0) {
        out[i] = this.ring[this.read];
        this.read = (this.read + 1) % RING;
      } else {
        out[i] = 0;
        if (this.playing) {
          this.playing = false;
          this.underruns++;
          this.port.postMessage({ underruns: this.underruns });
        }
      }
    }
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(out);
    return true;
  }
}

registerProcessor('neurorack-stream', NeurorackStream);
