/* Generated from schemas/plugin-manifest.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * Every plugin folder (built-in, from a rack's pluginDirs, or an npm package named neurorack-plugin-*) holds a plugin.json. The manifest is the truth: the host checks it against what the entry module exports, in both directions.
 */
export type PluginManifest = {
  $schema?: string;
  /**
   * Never changes once published: ratings, rack configs and menus refer to it.
   */
  id: string;
  name: string;
  version: string;
  kind: 'model' | 'cv-mapping' | 'screen-page';
  /**
   * Host versions this plugin works with, e.g. `>=0.1.0 <1`.
   */
  host: string;
  /**
   * The entry module, relative to the manifest, inside the plugin folder.
   */
  entry: string;
  author: string;
  /**
   * An SPDX identifier.
   */
  licence: string;
  description: string;
  homepage?: string;
  /**
   * Other plugins (by id) this one needs, with version ranges.
   */
  dependencies: {
    [k: string]: string | undefined;
  };
  /**
   * What the entry module exports under `provides`, by id; the kind decides the shape.
   *
   * @minItems 1
   */
  provides: unknown[];
};
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "slug".
 */
export type Slug = string;

/**
 * A parameter the plugin exposes: the menu edits it and CV mappings may drive it.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "param".
 */
export interface Param {
  id: Slug;
  name: string;
  min: number;
  max: number;
  default?: number;
  unit: string;
  step?: number;
}
/**
 * A model runtime: it loads model folders (models/<id>/manifest.json) of the listed formats.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "modelOffer".
 */
export interface ModelOffer {
  id: Slug;
  /**
   * `onnx`: model folders hold an ONNX graph the runtime runs; `js`: the runtime computes the audio in its own code from parameters in the folder.
   *
   * @minItems 1
   */
  formats: ('onnx' | 'js')[];
  architectures: string[];
  streaming: boolean;
}
/**
 * A CV mapping: turns one CV (volts) into changes of the named model parameters or descriptor curves.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "mappingOffer".
 */
export interface MappingOffer {
  id: Slug;
  name: string;
  /**
   * @minItems 1
   */
  drives: {
    /**
     * A descriptor name (rms, zcr, rolloff, flatness, bandwidth, centroid, f0), `descriptors` for all of them, `latent` for a move through the model's latent space, or a host parameter such as `playhead`.
     */
    target: string;
    min: number;
    max: number;
    unit: string;
  }[];
  params: Param[];
}
/**
 * A screen page drawn at 240x240.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "pageOffer".
 */
export interface PageOffer {
  id: Slug;
  title: string;
  /**
   * Path in the menu tree where the page is listed, e.g. `Admin/Statistics`.
   */
  menu?: string;
  params: Param[];
}
