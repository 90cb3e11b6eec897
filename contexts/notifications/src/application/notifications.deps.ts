import type { Clock, EventStore, IdGenerator } from '@hcms/shared-kernel';
import type { RetryPolicy } from '../domain/notification.decider.js';
import type { Channel } from '../domain/notification.events.js';

/** A patient's contact details and wishes, as Notifications learned them from Patients' events. */
export interface Contact {
  readonly email?: string;
  readonly phone?: string;
  readonly preferred?: Channel;
  readonly optOut: boolean;
}

export interface ContactDirectory {
  contactOf(patientId: string): Promise<Contact | undefined>;
}

export interface OutgoingMessage {
  readonly notificationId: string;
  readonly channel: Channel;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** Email over SMTP, SMS over a provider's API, or the local outbox: throws when delivery failed. */
export interface NotificationChannel {
  send(message: OutgoingMessage): Promise<{ readonly reference: string; readonly delivered: boolean }>;
}

export interface DueNotifications {
  /** Scheduled notifications whose time has come, oldest first. */
  due(now: string, limit: number): Promise<readonly string[]>;
}

export interface NotificationsDeps {
  readonly store: EventStore;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly contacts: ContactDirectory;
  readonly retry: RetryPolicy;
  /** How long before an appointment its reminder goes out. */
  readonly reminderLeadSeconds: number;
}
