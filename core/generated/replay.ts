/* Generated from schemas/replay.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * Seconds from the start of the replay.
 *
 * This interface was referenced by `ReplayScript`'s JSON-Schema
 * via the `definition` "t".
 */
export type T = number;

/**
 * Timed hardware events for the virtual module (what a performer did), replayed at the emulated chips. The same format is recorded on a module.
 */
export interface ReplayScript {
  $schema?: string;
  duration_s: number;
  events: {
    type: 'cv' | 'gate' | 'encoder' | 'button';
  }[];
}
