/**
 * What the Laboratory context publishes (`laboratory.<type>`). Other contexts and read models
 * import this file only. Streams: `labOrder-<labOrderId>`, `labInbox-<parkedId>`, `labTest-<loinc>`.
 */
import { ERASED_TEXT, type EventCodec, type PersonalDataPolicy } from '@hcms/shared-kernel';
import { CatalogueEvent } from './domain/catalogue/catalogue.events.js';
import { ParkedResultEvent } from './domain/inbox/parked-result.events.js';
import { LabOrderEvent } from './domain/order/lab-order.events.js';

export * from './domain/order/lab-order.events.js';
export * from './domain/inbox/parked-result.events.js';
export * from './domain/catalogue/catalogue.events.js';
export * from './domain/order/lab-order.values.js';
export * from './domain/catalogue/test-definition.js';
export { STARTER_CATALOGUE } from './domain/catalogue/starter-catalogue.js';

export const LABORATORY_CONTEXT = 'laboratory';

export const labOrderStream = (labOrderId: string): string => `labOrder-${labOrderId}`;
export const parkedResultStream = (parkedId: string): string => `labInbox-${parkedId}`;
export const labTestStream = (code: string): string => `labTest-${code}`;

export const labOrderEvents: EventCodec<LabOrderEvent> = { context: LABORATORY_CONTEXT, codec: LabOrderEvent, schemaVersion: 1 };
export const parkedResultEvents: EventCodec<ParkedResultEvent> = {
  context: LABORATORY_CONTEXT,
  codec: ParkedResultEvent,
  schemaVersion: 1,
};
export const catalogueEvents: EventCodec<CatalogueEvent> = { context: LABORATORY_CONTEXT, codec: CatalogueEvent, schemaVersion: 1 };

/**
 * The personal data in Laboratory events: what people wrote about the patient, and the results
 * themselves (a text result is free text; every value is health data of one person). Test codes,
 * flags' absence and the workflow's times stay, for Billing and the audit.
 */
export const laboratoryPersonalData: PersonalDataPolicy = {
  'laboratory.LabOrderPlaced': { note: ERASED_TEXT },
  'laboratory.SpecimenRejected': { note: ERASED_TEXT },
  'laboratory.ResultsEntered': { results: [], correctionReason: ERASED_TEXT },
  'laboratory.LabResultFinalized': { results: [], correctionReason: ERASED_TEXT },
  'laboratory.CriticalResultDetected': { results: [] },
  // Whom the laboratory reached may be a relative, by name.
  'laboratory.CriticalCallbackRecorded': { results: [], reached: { name: ERASED_TEXT, role: 'other' } },
  'laboratory.LabOrderCancelled': { reason: ERASED_TEXT },
};
