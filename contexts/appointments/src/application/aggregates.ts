import { appointmentStreamEvents, providerEvents, scheduleEvents } from '../contract.js';
import { appointmentDecider } from '../domain/appointment/appointment.decider.js';
import { providerDecider } from '../domain/provider/provider.decider.js';
import { scheduleDecider } from '../domain/schedule/schedule.decider.js';

export const providerAggregate = { decider: providerDecider, events: providerEvents };
export const scheduleAggregate = { decider: scheduleDecider, events: scheduleEvents };
export const appointmentAggregate = { decider: appointmentDecider, events: appointmentStreamEvents };
