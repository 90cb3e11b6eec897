import * as t from 'io-ts';
import { eventCodec, IsoDateTime, LongText } from '@hcms/shared-kernel';
import { SpecimenType } from '../catalogue/test-definition.js';
import {
  AnalyteResult,
  ExpectedAnalyte,
  LabPriority,
  OrderedTest,
  OrderSource,
  ReachedRole,
  RejectionReason,
  ResultSource,
} from './lab-order.values.js';

/** Tests of one specimen type, with the analytes they expect (panels expanded from the catalogue). */
export const LabOrderPlaced = eventCodec(
  'LabOrderPlaced',
  t.intersection([
    t.type({
      labOrderId: t.string,
      patientId: t.string,
      orderingClinicianId: t.string,
      source: OrderSource,
      specimenType: SpecimenType,
      tests: t.array(OrderedTest),
      analytes: t.array(ExpectedAnalyte),
      priority: LabPriority,
      orderedAt: IsoDateTime,
    }),
    t.partial({ note: LongText }),
  ]),
);

export const SpecimenCollected = eventCodec(
  'SpecimenCollected',
  t.type({
    accessionNumber: t.string,
    specimenType: SpecimenType,
    collectorId: t.string,
    collectedAt: IsoDateTime,
    recordedAt: IsoDateTime,
  }),
);
export const SpecimenReceived = eventCodec(
  'SpecimenReceived',
  t.type({ accessionNumber: t.string, receivedBy: t.string, receivedAt: IsoDateTime }),
);
/** The specimen cannot be tested: the order goes back to "recollect", never cancelled by it. */
export const SpecimenRejected = eventCodec(
  'SpecimenRejected',
  t.intersection([
    t.type({ accessionNumber: t.string, reason: RejectionReason, rejectedBy: t.string, rejectedAt: IsoDateTime }),
    t.partial({ note: LongText }),
  ]),
);

/**
 * Results of the specimen for report `reportVersion`, each replacing what was entered for its
 * analyte before verification. A correction of a final report opens the next version, with its reason.
 */
export const ResultsEntered = eventCodec(
  'ResultsEntered',
  t.intersection([
    t.type({
      accessionNumber: t.string,
      reportVersion: t.number,
      results: t.array(AnalyteResult),
      source: ResultSource,
      enteredBy: t.string,
      enteredAt: IsoDateTime,
    }),
    t.partial({ correctionReason: LongText }),
  ]),
);

/**
 * The report as verified by someone who entered none of it: every expected analyte, each with its
 * flag. Version 1 is `final`; a later version `corrected`, and the earlier ones stay in the log.
 */
export const LabResultFinalized = eventCodec(
  'LabResultFinalized',
  t.intersection([
    t.type({
      labOrderId: t.string,
      patientId: t.string,
      orderingClinicianId: t.string,
      accessionNumber: t.string,
      source: OrderSource,
      tests: t.array(OrderedTest),
      reportVersion: t.number,
      status: t.keyof({ final: null, corrected: null }),
      results: t.array(AnalyteResult),
      enteredBy: t.array(t.string),
      verifiedBy: t.string,
      collectedAt: IsoDateTime,
      finalizedAt: IsoDateTime,
    }),
    t.partial({ correctionReason: LongText }),
  ]),
);

/** A verified report holds a value at or beyond a critical limit: someone must be told, and say so. */
export const CriticalResultDetected = eventCodec(
  'CriticalResultDetected',
  t.type({
    alertId: t.string,
    labOrderId: t.string,
    patientId: t.string,
    orderingClinicianId: t.string,
    reportVersion: t.number,
    results: t.array(AnalyteResult),
    detectedAt: IsoDateTime,
  }),
);
/**
 * A call about a critical value: who was reached, whether they read it back, and the values as
 * told. Only a confirmed read-back closes the alert; an unconfirmed call is recorded and escalation goes on.
 */
export const CriticalCallbackRecorded = eventCodec(
  'CriticalCallbackRecorded',
  t.type({
    alertId: t.string,
    reportVersion: t.number,
    reached: t.type({ name: t.string, role: ReachedRole }),
    readBack: t.boolean,
    calledAt: IsoDateTime,
    recordedBy: t.string,
    recordedAt: IsoDateTime,
    results: t.array(AnalyteResult),
  }),
);

/**
 * A corrected report replaced the one an open alert was about: that alert stops (its values are no
 * longer the report's); the corrected report raises its own alert if it is critical.
 */
export const CriticalAlertSuperseded = eventCodec(
  'CriticalAlertSuperseded',
  t.type({ alertId: t.string, byReportVersion: t.number, supersededAt: IsoDateTime }),
);

export const LabOrderCancelled = eventCodec(
  'LabOrderCancelled',
  t.intersection([t.type({ cancelledBy: t.string, cancelledAt: IsoDateTime }), t.partial({ reason: LongText })]),
);
/** Its patient was erased: the read models drop the words people wrote about them (once). */
export const LabOrderDetailsErased = eventCodec('LabOrderDetailsErased', t.type({ erasedAt: IsoDateTime }));

export const LabOrderEvent = t.union([
  LabOrderPlaced,
  SpecimenCollected,
  SpecimenReceived,
  SpecimenRejected,
  ResultsEntered,
  LabResultFinalized,
  CriticalResultDetected,
  CriticalCallbackRecorded,
  CriticalAlertSuperseded,
  LabOrderCancelled,
  LabOrderDetailsErased,
]);
export type LabOrderEvent = t.TypeOf<typeof LabOrderEvent>;
export type LabOrderEventOf<T extends LabOrderEvent['type']> = Extract<LabOrderEvent, { type: T }>;
