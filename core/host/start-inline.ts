import type { DependencyContainer } from 'tsyringe';
import { Tokens } from '../container/tokens';
import type { AudioPath } from '../engine/audio-path';
import { mixerOptionsFrom } from '../engine/build-instrument';
import type { RenderTiming } from '../engine/render-engine';
import { SyncAudioPath } from '../engine/sync-audio-path';
import { WorkerAudioPath } from '../engine/worker-audio-path';
import type { NeurorackError } from '../errors/neurorack-error';
import { ControlCore } from './control/control-core';
import type { EngineControl } from './control/engine-control';
import { InlineControl } from './control/inline-control';
import { ModelCache } from './model-cache';
import { replayEntries } from './replay-entries';

/** The instrument on the main thread: its CV scans on the main scheduler, its audio path synchronous on a virtual clock. */
export async function startInline(c: DependencyContainer, o: { onError: (e: NeurorackError) => void; entries?: { readonly bank?: string; readonly a?: string; readonly b?: string }; modelId?: string; timing?: RenderTiming }): Promise<EngineControl> {
  const clock = c.resolve(Tokens.Clock);
  const config = c.resolve(Tokens.Rack).config;
  const real = <T>(work: Promise<T>): Promise<T> => clock.hold(work);
  const deps = { clock, scheduler: c.resolve(Tokens.Scheduler), audioOut: c.resolve(Tokens.AudioOut) };
  const choices = c.resolve(Tokens.ClockChoices);
  const audio: AudioPath = choices.audioPath === 'worker' ? new WorkerAudioPath(deps, mixerOptionsFrom(config)) : new SyncAudioPath(deps, mixerOptionsFrom(config));
  const devices = { cvAdc: c.resolve(Tokens.CvAdc), gates: c.resolve(Tokens.Gates) };
  // The model loads and the bank is read in real time (held); the first render takes the clock's time.
  const models = new ModelCache(c);
  const [entries, model] = await Promise.all([real(replayEntries(o.entries?.bank, o.entries?.a, o.entries?.b)), models.loadDefault(o.onError, o.modelId)]);
  const core = await ControlCore.start({
    c, devices, audio, entries, models, model, onError: o.onError,
    timing: o.timing ?? choices.renderTiming,
  });
  await audio.start();
  return new InlineControl(core, devices, audio);
}
