import { join } from 'node:path';
import type { RenderSample } from '../../engine/render-sampler';
import { JobThread } from '../../threads/job-thread';
import type { FollowAnswer, FollowJob } from './follow-protocol';
import type { FollowScore } from './follow-score';

/** What the meter shows: the newest render scored, or nothing yet. */
export interface FollowReading extends FollowScore {
  readonly version: number;
  readonly modelId: string;
}

export interface FollowMeterOptions {
  /** The next complete render newer than `after` (EngineControl.nextCompleteRender). */
  readonly nextRender: (after: number) => Promise<RenderSample>;
  /** Told each new reading (the host redraws). */
  readonly onReading?: (reading: FollowReading) => void;
  /** Least time between two measurements, ms (default 500): bounds the thread's work while CVs move. */
  readonly minIntervalMs?: number;
  /** Renders longer than this many samples are not measured (default 20 s at 22.05 kHz). */
  readonly maxSamples?: number;
}

/**
 * After each render, measures with the host's own extractor how closely the sound followed the
 * asked curves (follow-score.ts), on a thread of its own at the lowest priority: the control
 * thread only copies the newest complete render when the meter asks, and the audio thread never
 * sees it. One render is in hand at a time and only the newest reading is kept, so memory stays
 * flat however fast CVs move; renders that came and went while one was measured are skipped.
 */
export class FollowMeter {
  private readonly thread = new JobThread<Omit<FollowJob, 'id'>, FollowAnswer>(join(__dirname, 'follow-worker.js'), 'the follow thread');
  private stopped = false;
  private latest: FollowReading | null = null;
  private measured = 0;
  private jobs = 0;
  private readonly minIntervalMs: number;
  private readonly maxSamples: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: FollowMeterOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 500;
    this.maxSamples = options.maxSamples ?? 20 * 22050;
  }

  /** The newest reading (null before the first render is measured). */
  get reading(): FollowReading | null {
    return this.latest;
  }

  /** Renders measured since start. */
  get count(): number {
    return this.jobs;
  }

  start(): void {
    void this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.thread.close();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let sample: RenderSample;
      try {
        sample = await this.options.nextRender(this.measured);
      } catch {
        return; // the engine stopped
      }
      if (this.stopped) return;
      this.measured = sample.version;
      if (sample.audio.length <= this.maxSamples) {
        const answer = await this.score(sample);
        if (this.stopped) return;
        if ('score' in answer) {
          this.jobs++;
          this.latest = { ...answer.score, version: sample.version, modelId: sample.modelId };
          this.options.onReading?.(this.latest);
        }
      }
      await new Promise<void>((resolve) => {
        this.timer = setTimeout(resolve, this.minIntervalMs);
        this.timer.unref();
      });
    }
  }

  /** The score of one render; an error answer when the thread failed or stopped. */
  private score(sample: RenderSample): Promise<FollowAnswer> {
    const job = { frames: sample.frames, audio: sample.audio };
    return this.thread.run(job, [sample.audio.buffer as ArrayBuffer]).catch((err: Error) => ({ id: -1, error: err.message }));
  }
}
