import * as ort from 'onnxruntime-node';
import { checkGraphIo, createModelSession, NeurorackError } from 'neurorack/sdk';
import type { StatefulGraphSpec } from './frave-manifest';

/** The state a graph carries from one call to the next, by input name. */
export type GraphState = Map<string, ort.Tensor>;

/**
 * An ONNX graph whose streaming state is explicit (each cached convolution's past an input and an
 * output, paired in the manifest): a call on N frames given the previous call's state continues it
 * exactly, and zeros start a sound. Obligations:
 * - At creation the session's state inputs and outputs are the manifest's pairs, with their
 *   shapes (NR_MODEL_STATE_MISMATCH at `<at>/state/<i>` otherwise), and the rest of its inputs and
 *   outputs are the manifest's (NR_MODEL_IO_MISMATCH).
 * - `run` never hands on non-finite state: a state going in or coming out with a NaN or an
 *   infinity is replaced by zeros (the voice starts afresh), non-finite output samples become 0,
 *   and `resets` counts it, so one bad call is a click, not a voice silenced for good.
 */
export class StatefulGraph {
  /** Times a non-finite state was reset to zeros. */
  resets = 0;
  private readonly shapes: ReadonlyArray<{ input: string; output: string; shape: number[]; size: number }>;

  private constructor(private readonly session: ort.InferenceSession, spec: StatefulGraphSpec, private readonly file: string) {
    this.shapes = spec.state.map((p) => {
      const shape = spec.inputs.find((t) => t.name === p.input)!.shape as number[];
      return { ...p, shape, size: shape.reduce((a, b) => a * b, 1) };
    });
  }

  /** A session for verified bytes, checked against the manifest's spec (`at`: its pointer, `/onnx` or `/encoder`). */
  static async create(bytes: Uint8Array, spec: StatefulGraphSpec, file: string, at: string, intraOpThreads = 1): Promise<StatefulGraph> {
    const session = await createModelSession(ort.InferenceSession, bytes, file, intraOpThreads);
    try {
      checkState(session, spec, file, at);
      checkGraphIo(session as unknown as Parameters<typeof checkGraphIo>[0], spec, file, at);
    } catch (err) {
      await session.release();
      throw err;
    }
    return new StatefulGraph(session, spec, file);
  }

  /** Zeros: the state a sound starts from. */
  zeroState(): GraphState {
    return new Map(this.shapes.map((s) => [s.input, new ort.Tensor('float32', new Float32Array(s.size), s.shape)]));
  }

  /** One call: `feeds` (the inputs besides state) and `state` in; the outputs by name and the next state out. */
  async run(feeds: Record<string, ort.Tensor>, state: GraphState): Promise<{ outputs: ort.InferenceSession.ReturnType; state: GraphState }> {
    if (this.shapes.some((s) => !allFinite(state.get(s.input)!.data as Float32Array))) {
      this.resets++;
      state = this.zeroState();
    }
    let outputs: ort.InferenceSession.ReturnType;
    try {
      outputs = await this.session.run({ ...feeds, ...Object.fromEntries(state) });
    } catch (err) {
      throw new NeurorackError('NR_MODEL_RENDER_FAILED', `onnxruntime failed: ${(err as Error).message.split('\n')[0]}`, { file: this.file }, { cause: err });
    }
    let next: GraphState = new Map(this.shapes.map((s) => [s.input, outputs[s.output]!]));
    if (this.shapes.some((s) => !allFinite(next.get(s.input)!.data as Float32Array))) {
      this.resets++;
      next = this.zeroState();
      for (const name of this.session.outputNames) {
        const data = outputs[name]!.data as Float32Array;
        for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) data[i] = 0;
      }
    }
    return { outputs, state: next };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/** The manifest's state pairs must be the graph's, with the manifest's shapes. */
function checkState(session: ort.InferenceSession, spec: StatefulGraphSpec, file: string, at: string): void {
  const meta = (session as { inputMetadata?: ReadonlyArray<{ name?: string; isTensor: boolean; shape?: ReadonlyArray<number | string> }> }).inputMetadata;
  spec.state.forEach((pair, i) => {
    const k = session.inputNames.indexOf(pair.input);
    if (k < 0) throw new NeurorackError('NR_MODEL_STATE_MISMATCH', `expected the graph to take the state input '${pair.input}' the manifest pairs; its inputs are [${session.inputNames.join(', ')}]`, { file, pointer: `${at}/state/${i}/input` });
    if (!session.outputNames.includes(pair.output)) throw new NeurorackError('NR_MODEL_STATE_MISMATCH', `expected the graph to give the state output '${pair.output}' the manifest pairs; its outputs are [${session.outputNames.join(', ')}]`, { file, pointer: `${at}/state/${i}/output` });
    const want = spec.inputs.find((t) => t.name === pair.input)!.shape;
    const got = meta?.[k]?.shape;
    if (got && (got.length !== want.length || got.some((d, j) => typeof d === 'number' && d !== want[j]))) {
      throw new NeurorackError('NR_MODEL_STATE_MISMATCH', `expected state '${pair.input}' of shape [${want.join(', ')}] as in the manifest, the graph has [${got.join(', ')}]`, { file, pointer: `${at}/state/${i}` });
    }
  });
}
