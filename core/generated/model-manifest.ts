/* Generated from schemas/model-manifest.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * This interface was referenced by `ModelManifest`'s JSON-Schema
 * via the `definition` "relpath".
 */
export type Relpath = string;
/**
 * This interface was referenced by `ModelManifest`'s JSON-Schema
 * via the `definition` "sha256".
 */
export type Sha256 = string;
/**
 * Streaming state carried from one call to the next: each `input` is fed the previous call's `output` (zeros before a sound's first call), so consecutive calls continue each other exactly.
 *
 * This interface was referenced by `ModelManifest`'s JSON-Schema
 * via the `definition` "stateList".
 */
export type StateList = {
  input: string;
  output: string;
}[];

/**
 * A model folder: the network file(s) with their hashes, the rates, the descriptor contract it was trained on, its ONNX interface, measured speed and a golden vector the host replays at load time.
 */
export interface ModelManifest {
  $schema?: string;
  id: string;
  name: string;
  version: string;
  description?: string;
  licence: string;
  author?: string;
  format: 'onnx';
  /**
   * The id of the model-plugin offer that runs this folder (e.g. `sinc-nsf`).
   */
  runtime: string;
  /**
   * The architecture's configuration (sizes), for tools and model cards.
   */
  architecture?: {};
  /**
   * @minItems 1
   */
  files: {
    path: Relpath;
    sha256: Sha256;
    bytes: number;
    /**
     * `onnx` the graph the runtime renders with, `encoder` a graph that turns audio into the model's latent, `timbre` a latent trajectory (see `timbres`), `golden` the load-time check, `card` the model card.
     */
    role: 'onnx' | 'encoder' | 'timbre' | 'golden' | 'card' | 'other';
  }[];
  sample_rate: number;
  hop_length: number;
  /**
   * Input descriptors in the order of the last input axis, with units and the range seen in training.
   *
   * @minItems 1
   */
  descriptors: {
    name: 'rms' | 'zcr' | 'rolloff' | 'flatness' | 'bandwidth' | 'centroid' | 'f0';
    unit: string;
    train_min: number;
    train_max: number;
  }[];
  /**
   * Per-descriptor statistics the model normalises by (inside the graph); raw values go in.
   */
  normalisation: {
    mean: number[];
    std: number[];
    applied_in_graph: boolean;
  };
  onnx: {
    opset: number;
    /**
     * @minItems 1
     */
    inputs: Tensor[];
    /**
     * @minItems 1
     */
    outputs: Tensor[];
    /**
     * Context a streaming renderer needs so blocks equal the offline render (the graph's structural field; see `effective`).
     */
    receptive_field?: {
      left_frames?: number;
      right_frames?: number;
      left_samples?: number;
      /**
       * A graph whose sample-rate part needs less context than its conditioning: its sample-rate inputs and its output cover only frames [input, input + N) of the descriptor window, N set by their length. A streaming renderer feeds the descriptors over the whole field and computes samples only over the block and these frames around it.
       */
      sample_window?: {
        /**
         * The int64 [1] input naming the window's first frame within the descriptor window.
         */
        input: string;
        left_frames: number;
        right_frames: number;
        /**
         * Measured as the field's `effective`, within its tolerance.
         */
        effective?: {
          left_frames: number;
          right_frames: number;
        };
      };
      /**
       * Measured context after which more changes no sample by more than `tolerance` (the influence of a distant frame decays below float precision well inside the graph's structural field). Streaming renders use it: every window is shorter, so a first chunk costs less.
       */
      effective?: {
        left_frames: number;
        right_frames: number;
        tolerance: number;
      };
    };
    state?: StateList;
  };
  /**
   * For stateful streaming models: how the runtime calls the main graph.
   */
  streaming?: {
    /**
     * Frames per call the model is built for: the smallest step a render takes (longer calls are whole multiples).
     */
    block_frames: number;
    /**
     * The model's algorithmic delay (e.g. its filter bank's), reported apart from buffering.
     */
    delay_samples?: number;
    /**
     * A noise input the runtime fills from the render's seed as a function of the sample position, so a render from a later frame draws the same noise.
     */
    noise?: {
      input: string;
      distribution: 'standard normal';
      layout?: string;
    };
  };
  /**
   * A graph that turns audio into the latent the main graph takes (used to add timbres).
   */
  encoder?: {
    file: Relpath;
    /**
     * @minItems 1
     */
    inputs: Tensor[];
    /**
     * @minItems 1
     */
    outputs: Tensor[];
    state?: StateList;
  };
  /**
   * The latent space the main graph takes beside the descriptors.
   */
  latent?: {
    dim: number;
    mean?: number[];
    /**
     * Principal directions (unit vectors), most varied first: what a CV moves along.
     */
    directions?: number[][];
    /**
     * Standard deviation of the training latents along each direction.
     */
    deviations?: number[];
    frames?: number;
  };
  /**
   * Latent trajectories shipped with the model, each a file of role `timbre`; the first is the default.
   */
  timbres?: {
    name: string;
    file: Relpath;
    frames: number;
    source?: string;
  }[];
  /**
   * Measured real-time factors (compute seconds per audio second) and where.
   */
  latency?: {
    rtf_1thread?: number;
    rtf_2threads?: number;
    render_seconds?: number;
    measured_on?: string;
    [k: string]: unknown | undefined;
  };
  /**
   * A small input/output pair (a file listed in `files`) replayed when the model loads; a stateful model's is rendered in the calls `calls` lists, each continuing the one before.
   */
  golden: {
    file: Relpath;
    tolerance: number;
    /**
     * Frames per call of a stateful model's golden render, each call continuing the one before (the golden file's own `calls` where left out).
     *
     * @minItems 1
     */
    calls?: number[];
    [k: string]: unknown | undefined;
  };
  /**
   * Data, steps, hours and metrics (see the model card).
   */
  training?: {};
}
/**
 * This interface was referenced by `ModelManifest`'s JSON-Schema
 * via the `definition` "tensor".
 */
export interface Tensor {
  name: string;
  dtype: 'float32' | 'int64' | 'int32';
  /**
   * Integers are fixed sizes; strings name dynamic ones (T, T*512).
   *
   * @minItems 1
   */
  shape: (number | string)[];
  description?: string;
}
