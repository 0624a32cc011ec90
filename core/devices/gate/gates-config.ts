import type { GateJack, RackConfig } from '../../generated/rack';

/** The rack config's `devices.gates` section after schema defaults (generated from schemas/rack.schema.json). */
export type GatesConfig = RackConfig['devices']['gates'];

/** One gate jack: an ADC channel or a GPIO line. */
export type GateJackConfig = GateJack;
