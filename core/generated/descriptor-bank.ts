/* Generated from schemas/descriptor-bank.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * Unique within the bank; safe as a file name: no path separators, control characters or colons, not only dots, at most 64 characters.
 *
 * This interface was referenced by `DescriptorBank`'s JSON-Schema
 * via the `definition` "entryName".
 */
export type EntryName = string;
/**
 * A bare file name (no folders), as the sound was called where the bank was made.
 *
 * This interface was referenced by `DescriptorBank`'s JSON-Schema
 * via the `definition` "fileName".
 */
export type FileName = string;

/**
 * Named descriptor curves ([frames][7]) taken from reference sounds, shared between performers. Never holds audio. See docs/descriptor-bank-format.md.
 */
export interface DescriptorBank {
  format: 'neurorack-descriptor-bank';
  formatVersion: 1;
  /**
   * Stable slug; never changes between versions of a bank.
   */
  id: string;
  name: string;
  author: string;
  /**
   * SPDX licence identifier or expression, e.g. CC0-1.0, CC-BY-4.0, MIT.
   */
  licence: string;
  version: string;
  description: string;
  /**
   * Descriptor frames are taken every hopLength samples of audio at sampleRate (about 43.07 frames per second).
   */
  frameRate: {
    sampleRate: 22050;
    hopLength: 512;
  };
  /**
   * The column order of every frame, each descriptor's unit and the range of values the bank covers.
   *
   * @minItems 7
   * @maxItems 7
   */
  descriptors: [
    {
      name?: 'rms';
      unit: 'linear amplitude';
    } & Descriptor,
    {
      name?: 'zcr';
      unit: 'ratio';
    } & Descriptor,
    {
      name?: 'rolloff';
      unit: 'Hz';
    } & Descriptor,
    {
      name?: 'flatness';
      unit: 'ratio';
    } & Descriptor,
    {
      name?: 'bandwidth';
      unit: 'Hz';
    } & Descriptor,
    {
      name?: 'centroid';
      unit: 'Hz';
    } & Descriptor,
    {
      name?: 'f0';
      unit: 'Hz';
    } & Descriptor
  ];
  /**
   * @minItems 1
   * @maxItems 10000
   */
  entries: Entry[];
  /**
   * sha256: followed by the hex SHA-256 of the canonical form of this document without contentHash (docs/descriptor-bank-format.md).
   */
  contentHash: string;
}
/**
 * This interface was referenced by `DescriptorBank`'s JSON-Schema
 * via the `definition` "descriptor".
 */
export interface Descriptor {
  name: string;
  unit: string;
  min: number;
  max: number;
}
/**
 * This interface was referenced by `DescriptorBank`'s JSON-Schema
 * via the `definition` "entry".
 */
export interface Entry {
  name: EntryName;
  /**
   * @maxItems 32
   */
  tags: string[];
  /**
   * Where the curve came from. The audio itself is never part of a bank.
   */
  source: {
    file: FileName;
    sha256: string;
    sampleRate?: number;
    channels?: number;
    durationS?: number;
  };
  /**
   * [frames][7] descriptor values, columns in the order of /descriptors.
   *
   * @minItems 1
   * @maxItems 400000
   */
  frames: number[][];
}
