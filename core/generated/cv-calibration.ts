/* Generated from schemas/cv-calibration.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * The CV inputs' calibration as stored from the Calibration page, in calibration.json of the state folder; it takes the place of the rack's devices.cvAdc.jacks[].calibration for the jacks it names. Written by the host, atomically with a previous good copy (calibration.prev.json).
 */
export interface CvCalibration {
  /**
   * @maxItems 4
   */
  jacks: {
    jack: number;
    /**
     * jack volts = (raw volts - offset) * gain
     */
    offset: number;
    gain: number;
  }[];
}
