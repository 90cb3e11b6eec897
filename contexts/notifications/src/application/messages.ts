import type { NotificationKind } from '../domain/notification.events.js';

const when = (start: string): string => `${start.slice(0, 10)} at ${start.slice(11, 16)} UTC`;

/** What a patient is told: when, and what to do; never why they come or whom they see. */
export const messageFor = (kind: NotificationKind, start?: string): { subject: string; body: string } => {
  switch (kind) {
    case 'confirmation':
      return { subject: 'Your appointment is booked', body: `Your appointment is booked for ${when(start ?? '')}.` };
    case 'reminder':
      return { subject: 'Appointment reminder', body: `Reminder: you have an appointment on ${when(start ?? '')}.` };
    case 'update':
      return { subject: 'Your appointment has moved', body: `Your appointment has moved to ${when(start ?? '')}.` };
    case 'cancellation':
      return {
        subject: 'Your appointment is cancelled',
        body: 'Your appointment has been cancelled. Please contact the clinic to book again.',
      };
  }
};
