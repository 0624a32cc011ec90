import * as ort from 'onnxruntime-node';
import { NeurorackError } from 'neurorack/sdk';
import { SizedModel, type GraphRunner, type ModelSizes } from './graph-runner';

/** A GraphRunner over an ONNX Runtime session (in the model worker; `run` holds its thread). */
export class SessionRunner extends SizedModel implements GraphRunner {
  constructor(private readonly session: ort.InferenceSession, sizes: ModelSizes, private readonly dir: string) {
    super(sizes);
  }

  async run(desc: Float32Array, t: number, phase: Float32Array, harmonic: Float32Array, excitation: Float32Array, sampleStart = 0): Promise<Float32Array> {
    const n = excitation.length;
    const window = this.sampleWindow;
    if (window ? sampleStart < 0 || sampleStart * this.hop + n > t * this.hop || n % this.hop !== 0 : sampleStart !== 0 || n !== t * this.hop) {
      throw new NeurorackError('NR_USAGE', `expected samples for frames inside the ${t} descriptor frames${window ? '' : ' (all of them: this graph has no sample window)'}, got ${n} from frame ${sampleStart}`, { file: this.dir });
    }
    const feeds: Record<string, ort.Tensor> = {
      descriptors: new ort.Tensor('float32', desc, [1, t, this.width]),
      harmonic_phase: new ort.Tensor('float32', phase, [1, this.sines]),
      harmonic_noise: new ort.Tensor('float32', harmonic, [1, n, this.sines]),
      noise_excitation: new ort.Tensor('float32', excitation, [1, n, 1]),
    };
    if (window) feeds[window.input] = new ort.Tensor('int64', BigInt64Array.of(BigInt(sampleStart)), [1]);
    let out: ort.InferenceSession.ReturnType;
    try {
      out = await this.session.run(feeds);
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
