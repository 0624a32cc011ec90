import { join } from 'node:path';

/** The audio worker's script (audio-worker.ts), started by AudioThread, or early (prestartWorker). */
export const AUDIO_WORKER_FILE = join(__dirname, 'audio-worker.js');
