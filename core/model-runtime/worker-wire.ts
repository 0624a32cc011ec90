import type { MessagePort } from 'node:worker_threads';
import { catalogue, type ErrorCode } from '../errors/catalogue';
import { NeurorackError, type ErrorLocation } from '../errors/neurorack-error';
import { ownThreadId } from '../scheduler/thread-priority';

/** An error as it crosses the thread boundary (NeurorackError's code, message and location). */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly location?: ErrorLocation;
}

/** A model worker's answer to the request numbered `id`. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** What a model worker says first, unasked: its thread's id in the system (Linux; null elsewhere), which its client may raise. */
export interface WorkerHello {
  readonly hello: { readonly tid: number | null };
}

export function toWire(err: unknown): WireError {
  if (err instanceof NeurorackError) return { code: err.code, message: err.message, location: err.location };
  return { code: 'NR_MODEL_RENDER_FAILED', message: err instanceof Error ? err.message : String(err) };
}

export function fromWire(w: WireError): NeurorackError {
  const code = (w.code in catalogue ? w.code : 'NR_INTERNAL') as ErrorCode;
  return new NeurorackError(code, w.message, w.location ?? {});
}

/** What a worker's handler resolves with: the reply's value and the buffers to transfer with it. */
export interface HandlerResult {
  readonly value: unknown;
  readonly transfer?: ArrayBuffer[];
}

/**
 * The worker's end of {@link ModelWorkerClient}: every message (`{ ...request, id }`) goes to
 * `handle` as it arrives, and its result or error goes back under the same id (errors keep their
 * NeurorackError code). The handler must answer `init` (sent first, and again to a fresh worker)
 * and `close` (release what it holds, then close the port). Before anything it says which system
 * thread it is (WorkerHello), so that a client can raise it before an urgent request.
 */
export function serveModelWorker<Req extends { readonly op: string }>(port: MessagePort, handle: (m: Req) => Promise<HandlerResult>): void {
  port.postMessage({ hello: { tid: ownThreadId() } } satisfies WorkerHello);
  port.on('message', (m: Req & { readonly id: number }) => {
    handle(m).then(
      ({ value, transfer }) => port.postMessage({ id: m.id, ok: true, value } satisfies WorkerReply, transfer ?? []),
      (err: unknown) => port.postMessage({ id: m.id, ok: false, error: toWire(err) } satisfies WorkerReply),
    );
  });
}

/** A copy of `audio` the reply can transfer (a runtime's output buffer may not be transferable). */
export function owned(audio: Float32Array): HandlerResult & { value: Float32Array } {
  const copy = audio.slice();
  return { value: copy, transfer: [copy.buffer] };
}

