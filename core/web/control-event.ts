import { NeurorackError } from '../errors/neurorack-error';
import type { ControlEvent, PanelInfo } from './web-host';

/** Largest encoder step one message may carry (the replay schema's bound). */
export const MAX_ENCODER_DELTA = 1000;

/**
 * Checks a control event received from a page (untrusted JSON) against the panel: known type, no
 * extra fields, an existing jack, volts within the jack's range, an integer encoder delta. Returns
 * a fresh object holding only the checked fields; throws NR_WEB_MESSAGE_INVALID for a malformed
 * event and NR_WEB_CONTROL_OUT_OF_RANGE for a value the panel cannot take. `where` names the
 * source in the message (e.g. "websocket message" or "POST /api/control").
 */
export function parseControlEvent(raw: unknown, info: PanelInfo, where: string): ControlEvent {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid(`${where}: expected an object like {"type":"cv","jack":1,"volts":0.5}`);
  const o = raw as Record<string, unknown>;
  const only = (...keys: string[]): void => {
    const extra = Object.keys(o).filter((k) => k !== 'type' && !keys.includes(k));
    if (extra.length) throw invalid(`${where}: unexpected field ${JSON.stringify(extra[0])} in a "${String(o.type)}" event; expected only ${['type', ...keys].join(', ')}`);
  };
  switch (o.type) {
    case 'cv': {
      only('jack', 'volts');
      const jack = info.cvJacks.find((j) => j.jack === o.jack);
      if (!jack) throw outOfRange(`${where}: CV jack ${JSON.stringify(o.jack)} does not exist; expected one of ${info.cvJacks.map((j) => j.jack).join(', ')}`);
      if (typeof o.volts !== 'number' || !Number.isFinite(o.volts)) throw invalid(`${where}: CV ${jack.jack} volts is ${JSON.stringify(o.volts)}; expected a finite number`);
      if (o.volts < jack.min || o.volts > jack.max) throw outOfRange(`${where}: CV ${jack.jack} at ${o.volts} V is outside the jack's range [${jack.min}, ${jack.max}] V`);
      return { type: 'cv', jack: jack.jack, volts: o.volts };
    }
    case 'gate': {
      only('jack', 'state');
      if (!info.gateJacks.includes(o.jack as number)) throw outOfRange(`${where}: gate jack ${JSON.stringify(o.jack)} does not exist; expected one of ${info.gateJacks.join(', ')}`);
      if (o.state !== 'high' && o.state !== 'low') throw invalid(`${where}: gate state is ${JSON.stringify(o.state)}; expected "high" or "low"`);
      return { type: 'gate', jack: o.jack as number, state: o.state };
    }
    case 'encoder': {
      only('delta');
      if (typeof o.delta !== 'number' || !Number.isInteger(o.delta)) throw invalid(`${where}: encoder delta is ${JSON.stringify(o.delta)}; expected an integer`);
      if (Math.abs(o.delta) > MAX_ENCODER_DELTA) throw outOfRange(`${where}: encoder delta ${o.delta} is outside [-${MAX_ENCODER_DELTA}, ${MAX_ENCODER_DELTA}]`);
      return { type: 'encoder', delta: o.delta };
    }
    case 'button': {
      only('state');
      if (o.state !== 'down' && o.state !== 'up') throw invalid(`${where}: button state is ${JSON.stringify(o.state)}; expected "down" or "up"`);
      return { type: 'button', state: o.state };
    }
    default:
      throw invalid(`${where}: event type ${JSON.stringify(o.type)} is unknown; expected "cv", "gate", "encoder" or "button"`);
  }
}

function invalid(message: string): NeurorackError {
  return new NeurorackError('NR_WEB_MESSAGE_INVALID', message);
}

function outOfRange(message: string): NeurorackError {
  return new NeurorackError('NR_WEB_CONTROL_OUT_OF_RANGE', message);
}
