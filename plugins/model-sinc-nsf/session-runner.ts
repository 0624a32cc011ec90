import * as ort from 'onnxruntime-node';
import { NeurorackError } from 'neurorack/sdk';
import { SizedModel, type GraphRunner, type ModelSizes } from './graph-runner';

/** A GraphRunner over an ONNX Runtime session (in the model worker; `run` holds its thread). */
export class SessionRunner extends SizedModel implements GraphRunner {
  constructor(private readonly session: ort.InferenceSession, sizes: ModelSizes, private readonly dir: string) {
    super(sizes);
  }

  async run(desc: Float32Array, t: number, phase: Float32Array, harmonic: Float32Array, excitation: Float32Array): Promise<Float32Array> {
    const n = t * this.hop;
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.session.run({
        descriptors: new ort.Tensor('float32', desc, [1, t, this.width]),
        harmonic_phase: new ort.Tensor('float32', phase, [1, this.sines]),
        harmonic_noise: new ort.Tensor('float32', harmonic, [1, n, this.sines]),
        noise_excitation: new ort.Tensor('float32', excitation, [1, n, 1]),
      });
    } catch (err) {
      throw new NeurorackError('NR_MODEL_RENDER_FAILED', `onnxruntime failed: ${(err as Error).message.split('\n')[0]}`, { file: this.dir }, { cause: err });
    }
    const audio = out['audio']!.data as Float32Array;
    if (audio.length !== n) throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${n} output samples, the model gave ${audio.length}`, { file: this.dir });
    return audio;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
