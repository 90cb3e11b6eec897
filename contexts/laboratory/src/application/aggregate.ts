import { labOrderEvents, parkedResultEvents, catalogueEvents } from '../contract.js';
import { labOrderDecider } from '../domain/order/lab-order.decider.js';
import { parkedResultDecider } from '../domain/inbox/parked-result.decider.js';
import { catalogueDecider } from '../domain/catalogue/catalogue.decider.js';

export const labOrderAggregate = { decider: labOrderDecider, events: labOrderEvents };
export const parkedResultAggregate = { decider: parkedResultDecider, events: parkedResultEvents };
export const catalogueAggregate = { decider: catalogueDecider, events: catalogueEvents };
