import type { RackConfig } from '../../generated/rack';

/** The rack config's `devices.button` section after schema defaults (generated from schemas/rack.schema.json). */
export type ButtonConfig = RackConfig['devices']['button'];
