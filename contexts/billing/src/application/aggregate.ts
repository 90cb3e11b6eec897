import { accountEvents, feeEvents } from '../contract.js';
import { accountDecider } from '../domain/account/account.decider.js';
import { feeDecider } from '../domain/fees/fee.decider.js';

export const accountAggregate = { decider: accountDecider, events: accountEvents };
export const feeAggregate = { decider: feeDecider, events: feeEvents };
