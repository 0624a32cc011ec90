/* Generated from schemas/host-settings.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * What the performer chose on the module, kept across restarts in settings.json of the state folder (NEURORACK_STATE_DIR, /var/lib/neurorack on the module). Written by the host, atomically with a previous good copy (settings.prev.json); not meant to be edited by hand.
 */
export interface HostSettings {
  /**
   * The installed model playing (null: the rack's default).
   */
  model?: string | null;
  /**
   * The bank entry A comes from.
   */
  bankA?: string | null;
  /**
   * Entry A (CV1 morphs from A to B).
   */
  entryA?: string | null;
  /**
   * The bank entry B comes from.
   */
  bankB?: string | null;
  /**
   * Entry B.
   */
  entryB?: string | null;
  /**
   * Output volume, 0 to 1.
   */
  volume?: number;
}
