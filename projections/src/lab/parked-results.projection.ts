import { toDomainEvent } from '@hcms/shared-kernel';
import { parkedResultEvents, type ParkedResultEvent, type ParkReason, type ReceivedObservation } from '@hcms/laboratory/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

export type ParkedStatus = 'parked' | 'assigned' | 'discarded';

/** Results an analyser sent that no order could take, until a technician assigns or discards them. */
export interface ParkedResultDoc {
  readonly parkedId: string;
  readonly status: ParkedStatus;
  readonly reason: ParkReason;
  readonly detail: string;
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly messageControlId: string;
  readonly accessionNumber?: string;
  readonly observations: readonly ReceivedObservation[];
  readonly receivedAt: string;
  /** Known once assigned: the results are then that patient's. */
  readonly patientId?: string;
  readonly assigned?: { readonly labOrderId: string; readonly assignedBy: string; readonly assignedAt: string };
  /** The last order that would not take them, and why: they are parked again. */
  readonly returned?: { readonly labOrderId: string; readonly reason: string; readonly returnedAt: string };
  readonly discarded?: { readonly reason: string; readonly discardedBy: string; readonly discardedAt: string };
}

export const evolveParkedResult = (doc: ParkedResultDoc | null, e: ParkedResultEvent): ParkedResultDoc | null => {
  switch (e.type) {
    case 'ResultsParked': {
      const { accessionNumber, ...parked } = e.data;
      return doc ?? { ...parked, status: 'parked', ...(accessionNumber === undefined ? {} : { accessionNumber }) };
    }
    case 'ParkedResultsAssigned': {
      const { labOrderId, patientId, assignedBy, assignedAt } = e.data;
      return doc && { ...doc, status: 'assigned', patientId, assigned: { labOrderId, assignedBy, assignedAt } };
    }
    case 'ParkedResultsReturned': {
      if (doc?.status !== 'assigned') return doc;
      // No longer that patient's: they were not entered on the order.
      const { assigned: _assigned, patientId: _patientId, ...parked } = doc;
      const { labOrderId, reason, returnedAt } = e.data;
      return { ...parked, status: 'parked', returned: { labOrderId, reason, returnedAt } };
    }
    case 'ParkedResultsDiscarded': {
      const { reason, discardedBy, discardedAt } = e.data;
      return doc && { ...doc, status: 'discarded', discarded: { reason, discardedBy, discardedAt } };
    }
  }
};

export const parkedResultsProjection: Projection<ParkedResultDoc> = {
  name: 'lab-parked-results',
  // The technicians' inbox: those still parked first, by when they came in; and a patient's, once assigned.
  indexes: [{ fields: ['status', 'receivedAt'] }, { fields: ['patientId'] }],
  documentOf: documentPerStream('labInbox-'),
  evolve: (doc, event) => evolveParkedResult(doc, toDomainEvent(parkedResultEvents, event)),
};
