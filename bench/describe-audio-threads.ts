import type { AudioThreadMetrics } from '../core/engine/replay/replay-metrics';

/** One line on who feeds the device and at what priority, from a realtime replay's metrics. */
export function describeAudioThreads(t: AudioThreadMetrics | undefined): string {
  if (!t) return 'audio threads: not reported (not a realtime replay)\n';
  const priority = (raised: boolean | null) => (raised === null ? 'none' : raised ? 'raised' : 'REFUSED (runs as an equal)');
  const feeder = t.worker_writes_device ? 'the audio worker writes the device itself' : 'the control thread feeds the device on credits';
  const clock = t.card_clock_latest_ms === null ? '' : `; the emulated card's clock played at most ${t.card_clock_latest_ms.toFixed(1)} ms late`;
  return `${feeder}; audio worker priority ${priority(t.audio_priority_raised)}, card clock priority ${priority(t.card_clock_priority_raised)}${clock}\n`;
}
