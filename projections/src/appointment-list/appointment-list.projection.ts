import { ERASED_TEXT, toDomainEvent } from '@hcms/shared-kernel';
import { appointmentStreamEvents, type AppointmentStreamEvent } from '@hcms/appointments/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

export interface AppointmentView {
  readonly appointmentId: string;
  readonly patientId: string;
  readonly providerId: string;
  readonly start: string;
  readonly end: string;
  readonly status: 'scheduled' | 'checked-in' | 'completed' | 'cancelled' | 'no-show';
  readonly appointmentType: string;
  readonly reason: string;
  readonly history: readonly { readonly status: string; readonly at: string; readonly note?: string }[];
}

export const evolveAppointmentView = (doc: AppointmentView | null, e: AppointmentStreamEvent): AppointmentView | null => {
  if (e.type === 'AppointmentBooked') {
    const { appointmentId, patientId, providerId, start, end, appointmentType, reason, bookedAt } = e.data;
    return {
      appointmentId,
      patientId,
      providerId,
      start,
      end,
      appointmentType,
      reason,
      status: 'scheduled',
      history: [{ status: 'scheduled', at: bookedAt }],
    };
  }
  if (!doc) return null;
  const step = (status: AppointmentView['status'], at: string, note?: string): AppointmentView => ({
    ...doc,
    status,
    history: [...doc.history, { status, at, ...(note ? { note } : {}) }],
  });
  switch (e.type) {
    case 'AppointmentRescheduled':
      return { ...step('scheduled', e.data.rescheduledAt, `moved from ${e.data.previousStart}`), start: e.data.start, end: e.data.end };
    case 'AppointmentCancelled':
      return step('cancelled', e.data.cancelledAt, `by ${e.data.by}: ${e.data.reason}`);
    case 'PatientCheckedIn':
      return step('checked-in', e.data.checkedInAt);
    case 'AppointmentCompleted':
      return step('completed', e.data.completedAt);
    case 'AppointmentMissed':
      return step('no-show', e.data.markedAt);
    // A settled hold changes nothing a reader sees of the appointment.
    case 'BookingAbandoned':
    case 'MoveAbandoned':
      return doc;
    // Its patient was erased: the reason and the notes (a cancellation's reason) go.
    case 'AppointmentDetailsErased':
      return { ...doc, reason: ERASED_TEXT, history: doc.history.map(({ status, at }) => ({ status, at })) };
  }
};

export const appointmentListProjection: Projection<AppointmentView> = {
  name: 'appointment-list',
  indexes: [{ fields: ['patientId', 'start'] }, { fields: ['providerId', 'start'] }, { fields: ['start'] }],
  documentOf: documentPerStream('appointment-'),
  evolve: (doc, event) => evolveAppointmentView(doc, toDomainEvent(appointmentStreamEvents, event)),
};
