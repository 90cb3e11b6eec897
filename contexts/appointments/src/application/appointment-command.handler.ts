import * as E from 'fp-ts/lib/Either.js';
import {
  loadAggregate,
  runCommand,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
  type NonEmptyText,
} from '@hcms/shared-kernel';
import { appointmentStream } from '../contract.js';
import { isExisting } from '../domain/appointment/appointment.decider.js';
import type { CancelledBy } from '../domain/values.js';
import { appointmentAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { onSchedule } from './hold-steps.js';
import { dayStreamOf, loadProvider } from './schedule-placement.js';

export type AppointmentAction =
  | { readonly type: 'CancelAppointment'; readonly by: CancelledBy; readonly reason: NonEmptyText }
  | { readonly type: 'CheckIn' }
  | { readonly type: 'CompleteAppointment' }
  | { readonly type: 'MarkNoShow' }
  | { readonly type: 'EraseDetails' };

/** Check-in, completion, no-show; a cancellation also frees the time in the provider's day. */
export const handleAppointmentCommand =
  (deps: AppointmentsDeps) =>
  async (
    appointmentId: string,
    action: AppointmentAction,
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, CommandResult & { readonly patientId?: string }>> => {
    const stream = appointmentStream(appointmentId);
    const { state } = await loadAggregate(deps.store, appointmentAggregate, stream);
    const options = isExisting(state) ? { patientId: state.patientId } : {};
    const result = await runCommand(deps, appointmentAggregate, stream, { ...action, at: toIsoDateTime(ctx.now) }, ctx, options);
    if (E.isRight(result) && action.type === 'CancelAppointment' && isExisting(state)) {
      const provider = await loadProvider(deps, state.providerId);
      if (E.isRight(provider)) {
        const day = dayStreamOf(provider.right, state.start);
        await onSchedule(deps, day, { type: 'ReleaseSlot', appointmentId, start: state.start, reason: 'cancelled' }, ctx, state.patientId);
      }
    }
    // The patient it concerned, for the caller's answer (and its audit entry).
    return isExisting(state) ? E.map((r: CommandResult) => ({ ...r, patientId: state.patientId }))(result) : result;
  };
