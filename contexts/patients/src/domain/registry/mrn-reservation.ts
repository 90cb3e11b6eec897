import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { conflict, type Decider, type DomainError } from '@hcms/shared-kernel';
import { Mrn } from '../patient/patient.values.js';

/**
 * One stream per MRN (`mrn-<MRN>`): a number is reserved by the first append to its stream,
 * so two registrations racing for it cannot both win, and a number is never handed out twice,
 * even when the registration that reserved it never completed.
 */
export const MrnReserved = t.type({ type: t.literal('MrnReserved'), data: t.type({ mrn: Mrn, patientId: t.string }) }, 'MrnReserved');
export type MrnReserved = t.TypeOf<typeof MrnReserved>;

export interface ReserveMrn {
  readonly type: 'ReserveMrn';
  readonly mrn: Mrn;
  readonly patientId: string;
}

export type MrnState = { readonly reservedFor?: string };
export type MrnError = DomainError<'MRN_TAKEN'>;

export const mrnStream = (mrn: string): string => `mrn-${mrn}`;

export const mrnReservation: Decider<ReserveMrn, MrnReserved, MrnState, MrnError> = {
  initialState: {},
  decide: (cmd, state) =>
    state.reservedFor === undefined
      ? E.right([{ type: 'MrnReserved', data: { mrn: cmd.mrn, patientId: cmd.patientId } }])
      : E.left(conflict('MRN_TAKEN', 'this MRN belongs to another patient')),
  evolve: (_state, event) => ({ reservedFor: event.data.patientId }),
};
