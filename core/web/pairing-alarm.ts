import type { PairingAlarm } from './pairing-limiter';

/**
 * The line the module's screen shows when a client is locked out or the global window fills: the
 * performer sees the attack, and the code again (the screen's first showing of it has gone).
 */
export function pairingAlarmText(alarm: PairingAlarm, code: string): string {
  const minutes = Math.round(alarm.lockedMs / 60_000);
  const what = alarm.scope === 'client'
    ? `${alarm.client} locked ${minutes} min after ${alarm.failures} wrong codes`
    : `${alarm.failures} wrong codes from ${alarm.clients} addresses in ${minutes} min; only first tries are checked`;
  return `Pairing: ${what}. Code ${code}`;
}
