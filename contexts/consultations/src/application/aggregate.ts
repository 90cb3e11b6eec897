import { encounterEvents } from '../contract.js';
import { encounterDecider } from '../domain/encounter/encounter.decider.js';

export const encounterAggregate = { decider: encounterDecider, events: encounterEvents };
