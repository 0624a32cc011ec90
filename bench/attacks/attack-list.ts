import type { Attack } from './attack';
import { auditionAttack } from './audition';
import { badBankFileAttack } from './bad-bank-file';
import { bankBombAttack } from './bank-bomb';
import { pairingAttack } from './pairing';
import { renderAttack } from './render';
import { replayBurstAttack } from './replay-burst';
import { screenFloodAttack } from './screen-flood';
import { slowSocketsAttack } from './slow-sockets';

/** bench:attacks' attacks, in the order they run (`--only` picks by id). */
export const ATTACKS: readonly Attack[] = [
  pairingAttack, auditionAttack, bankBombAttack, screenFloodAttack, slowSocketsAttack, badBankFileAttack, replayBurstAttack, renderAttack,
];
