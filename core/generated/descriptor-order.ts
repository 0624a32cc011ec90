/* Generated from schemas/descriptor-order.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/** The descriptors in the order of every descriptor frame (column k of a frame is DESCRIPTOR_ORDER[k]). */
export const DESCRIPTOR_ORDER = ['rms', 'zcr', 'rolloff', 'flatness', 'bandwidth', 'centroid', 'f0'] as const;
