import { openAccount } from './accounts';
import { settleRefund } from './settlement';

export { openAccount, settleRefund };
