import type { RackConfig } from '../../generated/rack';

/** The rack config's `devices.encoder` section after schema defaults (generated from schemas/rack.schema.json). */
export type EncoderConfig = RackConfig['devices']['encoder'];
