// Plays streamed output in the browser. Browsers only start audio after a user gesture, so the
// panel creates the AudioContext from its "Start audio" click; the context runs at the module's
// output rate and the browser resamples to the sound card.

export class AudioPlayer {
  constructor(rate) {
    this.rate = rate;
    this.ctx = undefined;
    this.node = undefined;
    this.gain = undefined;
    this.underruns = 0;
  }

  async start() {
    this.ctx = new AudioContext({ sampleRate: this.rate, latencyHint: 'interactive' });
    await this.ctx.audioWorklet.addModule('/js/audio-worklet.js');
    this.node = new AudioWorkletNode(this.ctx, 'neurorack-stream', { numberOfInputs: 0, outputChannelCount: [2], processorOptions: { cushion: Math.round(this.rate * 0.05) } });
    this.node.port.onmessage = (ev) => { this.underruns = ev.data.underruns; };
    this.gain = this.ctx.createGain();
    this.node.connect(this.gain).connect(this.ctx.destination);
    await this.ctx.resume();
  }

  push(chunk) {
    if (this.node) this.node.port.postMessage(chunk);
  }

  setVolume(v) {
    if (this.gain) this.gain.gain.value = v;
  }

  /** Plays a whole rendered sound (an audition) once. */
  static async playOnce(samples, rate) {
    const ctx = new AudioContext({ sampleRate: rate });
    const buffer = ctx.createBuffer(1, samples.length, rate);
    buffer.copyToChannel(samples, 0);
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    src.connect(ctx.destination);
    src.onended = () => ctx.close();
    await ctx.resume();
    src.start();
  }
}
