import type { Clock, EventStore, IdGenerator } from '@hcms/shared-kernel';
import type { RetryPolicy } from '../domain/notification.commands.js';
import type { Channel, Escalation } from '../domain/notification.events.js';
import type { Contact } from '../domain/recipient.rules.js';
import type { StaffContact } from '../domain/staff-recipient.rules.js';

export type { Contact } from '../domain/recipient.rules.js';
export type { StaffContact } from '../domain/staff-recipient.rules.js';

export interface ContactDirectory {
  contactOf(patientId: string): Promise<Contact | undefined>;
}

/**
 * How to reach staff, kept outside the event log (a rota changes daily and is nobody's medical
 * record). Asked at send time, so a new on-call contact takes the next round. Throws when it cannot
 * be read: the attempt then fails and is retried.
 */
export interface StaffDirectory {
  contactOf(staffId: string): Promise<StaffContact | undefined>;
  /** Whoever covers when the staff member does not answer, now. */
  onCall(): Promise<StaffContact | undefined>;
}

export interface OutgoingMessage {
  readonly notificationId: string;
  readonly channel: Channel;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** Names this one message: a channel that sees it twice must deliver it once. */
  readonly idempotencyKey: string;
}

export interface Accepted {
  readonly reference: string;
  readonly delivered: boolean;
}

/** Email over SMTP, SMS over a provider's API, or the local outbox: throws when delivery failed. */
export interface NotificationChannel {
  send(message: OutgoingMessage): Promise<Accepted>;
  /**
   * What the channel already accepted under this key, where it can tell: asked before sending
   * again after a dispatcher died between handing a message over and recording the outcome.
   */
  lookup?(message: Pick<OutgoingMessage, 'channel' | 'idempotencyKey'>): Promise<Accepted | undefined>;
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
  readonly staff: StaffDirectory;
  readonly retry: RetryPolicy;
  /** How a critical result alert repeats until its callback is recorded. */
  readonly criticalEscalation: Escalation;
  /** How long before an appointment its reminder goes out. */
  readonly reminderLeadSeconds: number;
}
