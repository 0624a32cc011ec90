import { threadBundle } from '../threads/thread-bundles';

/** The audio worker's script (audio-worker.ts, bundled), started by AudioThread, or early (prestartWorker). */
export const AUDIO_WORKER_FILE = threadBundle('audio-thread');
