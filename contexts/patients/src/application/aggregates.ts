import { patientEvents } from '../contract.js';
import { patientDecider } from '../domain/patient/patient.decider.js';
import { IdentityIndexBuilt, identityIndex } from '../domain/registry/identity-index.js';
import { MrnReserved, mrnReservation } from '../domain/registry/mrn-reservation.js';
import { IdentityEvent, patientIdentity } from '../domain/registry/patient-identity.js';

export const patientAggregate = { decider: patientDecider, events: patientEvents };

export const mrnAggregate = {
  decider: mrnReservation,
  events: { context: 'patients', codec: MrnReserved, schemaVersion: 1 },
};

export const identityAggregate = {
  decider: patientIdentity,
  events: { context: 'patients', codec: IdentityEvent, schemaVersion: 1 },
};

export const identityIndexAggregate = {
  decider: identityIndex,
  events: { context: 'patients', codec: IdentityIndexBuilt, schemaVersion: 1 },
};
