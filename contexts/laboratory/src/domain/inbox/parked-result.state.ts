import { absurd } from 'fp-ts/lib/function.js';
import type { ParkedResultEvent } from './parked-result.events.js';

type Parked = Extract<ParkedResultEvent, { type: 'ResultsParked' }>['data'];

/** Parked until a technician resolves it, once: assigned to an order, or discarded. */
export type ParkedResultState =
  | { readonly status: 'none' }
  | { readonly status: 'parked'; readonly parked: Parked }
  | { readonly status: 'assigned'; readonly parked: Parked; readonly labOrderId: string; readonly patientId: string }
  | { readonly status: 'discarded'; readonly parked: Parked; readonly reason: string };

export const initialState: ParkedResultState = { status: 'none' };

export const evolve = (state: ParkedResultState, event: ParkedResultEvent): ParkedResultState => {
  if (event.type === 'ResultsParked') return state.status === 'none' ? { status: 'parked', parked: event.data } : state;
  if (event.type === 'ParkedResultsReturned') return state.status === 'assigned' ? { status: 'parked', parked: state.parked } : state;
  if (state.status !== 'parked') return state;
  switch (event.type) {
    case 'ParkedResultsAssigned':
      return { status: 'assigned', parked: state.parked, labOrderId: event.data.labOrderId, patientId: event.data.patientId };
    case 'ParkedResultsDiscarded':
      return { status: 'discarded', parked: state.parked, reason: event.data.reason };
    default:
      return absurd(event);
  }
};
