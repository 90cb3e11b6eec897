import * as t from 'io-ts';
import { eventCodec, IsoDateTime, LongText } from '@hcms/shared-kernel';

/** One observation as an analyser sent it (OBX), before any rule was applied to it; `status` is OBX-11 (F final, C corrected…). */
export const ReceivedObservation = t.intersection(
  [t.type({ code: t.string, valueType: t.string, value: t.string }), t.partial({ unit: t.string, name: t.string, status: t.string })],
  'ReceivedObservation',
);
export type ReceivedObservation = t.TypeOf<typeof ReceivedObservation>;

export const ParkReason = t.keyof(
  {
    /** No order has a specimen with this accession number. */
    'unknown-accession': null,
    /** The message names no accession number (unsolicited). */
    'no-accession': null,
    /** The order could not take these results (not received, cancelled, already final, a test not ordered). */
    'not-accepted': null,
    /** The message names another patient (PID-3) than the one whose specimen has this accession number. */
    'patient-mismatch': null,
  },
  'ParkReason',
);
export type ParkReason = t.TypeOf<typeof ParkReason>;

/**
 * Results a message brought that could not be put on an order: kept for a technician, never dropped.
 * The message's patient identification is not kept (it is not known to be one of ours).
 */
export const ResultsParked = eventCodec(
  'ResultsParked',
  t.intersection([
    t.type({
      parkedId: t.string,
      reason: ParkReason,
      detail: t.string,
      sendingApplication: t.string,
      sendingFacility: t.string,
      messageControlId: t.string,
      observations: t.array(ReceivedObservation),
      receivedAt: IsoDateTime,
    }),
    t.partial({ accessionNumber: t.string }),
  ]),
);
/**
 * A technician put the results on an order: they are entered there, under the same rules, by the
 * reaction to this event (so an assignment is never half done), or they come back with the reason.
 */
export const ParkedResultsAssigned = eventCodec(
  'ParkedResultsAssigned',
  t.type({ labOrderId: t.string, patientId: t.string, assignedBy: t.string, assignedAt: IsoDateTime }),
);
/** The order would not take the results assigned to it: they are parked again, with why. */
export const ParkedResultsReturned = eventCodec(
  'ParkedResultsReturned',
  t.type({ labOrderId: t.string, reason: t.string, returnedAt: IsoDateTime }),
);
export const ParkedResultsDiscarded = eventCodec(
  'ParkedResultsDiscarded',
  t.type({ reason: LongText, discardedBy: t.string, discardedAt: IsoDateTime }),
);

export const ParkedResultEvent = t.union([ResultsParked, ParkedResultsAssigned, ParkedResultsReturned, ParkedResultsDiscarded]);
export type ParkedResultEvent = t.TypeOf<typeof ParkedResultEvent>;
