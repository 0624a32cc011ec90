/**
 * Child process for the PortAudio file-routing test: plays a sine through the REAL audio-out binding
 * (naudiodon) at the device named by argv[2], then prints a JSON summary on the last stdout line.
 * Run with HOME pointing at a folder whose .asoundrc routes ALSA's default pcm into a file.
 * argv: device substring, frequency Hz, seconds, amplitude, device rate, sample format.
 */
import { createRealAudioOut } from '../../../../core/devices/audio-out/create-audio-out';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';

async function main(): Promise<void> {
  const [device = 'default', freq = '1000', seconds = '1', amplitude = '0.5', rate = '48000', format = 'int16'] = process.argv.slice(2);
  const clock = new MonotonicClock();
  const out = createRealAudioOut(
    { binding: 'real', device, sampleRate: Number(rate) as 48000, channels: 2, latencyMs: 30 },
    { clock, sampleFormat: format as 'int16' },
  );
  await out.open();
  const block = new Float32Array(256);
  const total = Math.round(Number(seconds) * out.inputRate);
  let n = 0;
  let refused = 0;
  while (n < total) {
    const len = Math.min(block.length, total - n);
    for (let i = 0; i < len; i++) block[i] = Number(amplitude) * Math.sin((2 * Math.PI * Number(freq) * (n + i)) / out.inputRate);
    if (out.write(len === block.length ? block : block.subarray(0, len))) n += len;
    else {
      refused++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  const summary = { deviceName: out.deviceName, sampleRate: out.sampleRate, xruns: out.xruns, dropped: out.dropped, refused, health: out.health() };
  await out.close();
  process.stdout.write(`\n${JSON.stringify(summary)}\n`);
}

main().catch((err) => {
  process.stdout.write(`\n${JSON.stringify({ error: String(err && err.message), code: err && err.code })}\n`);
  process.exit(3);
});
