import type { NotificationKind } from '../domain/notification.events.js';

export type AppointmentNoticeKind = Extract<NotificationKind, 'confirmation' | 'reminder' | 'update' | 'cancellation'>;

const when = (start: string): string => `${start.slice(0, 10)} at ${start.slice(11, 16)} UTC`;

/** What a patient is told: when, and what to do; never why they come or whom they see. */
export const messageFor = (kind: AppointmentNoticeKind, start?: string): { subject: string; body: string } => {
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

/**
 * The text of one round of an escalating message: each round is a message of its own, and says
 * which it is, so whoever gets several knows they are one alert going on, not several.
 */
export const roundText = (body: string, round: number): string => `${body} Alert ${round}: it is repeated until someone answers it.`;
