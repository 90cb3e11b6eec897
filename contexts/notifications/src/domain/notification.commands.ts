import type { NotificationEventOf } from './notification.events.js';
import type { Recipient, Withheld } from './recipient.rules.js';
import type { Unreachable } from './staff-recipient.rules.js';

/** Retries of a failing delivery: `attempts` in all, the wait doubling from `firstDelaySeconds`. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly firstDelaySeconds: number;
}

export type DeliveryOutcome =
  { readonly ok: true; readonly reference: string; readonly delivered: boolean } | { readonly ok: false; readonly error: string };

export type NotificationCommand =
  | ({ readonly type: 'ScheduleNotification' } & NotificationEventOf<'NotificationScheduled'>['data'])
  /** Follow the appointment to a new time, whatever became of the notification; once per trigger. */
  | {
      readonly type: 'RearmNotification';
      readonly dueAt: string;
      readonly subject: string;
      readonly body: string;
      readonly trigger: string;
      readonly at: string;
    }
  | { readonly type: 'CancelNotification'; readonly reason: string; readonly at: string; readonly trigger?: string }
  /**
   * `recipient` is read from the contact or staff directory just before: who to send to, why a
   * patient must not be sent it, or that no member of staff can be reached (a failed attempt, hence `retry`).
   */
  | {
      readonly type: 'ClaimDispatch';
      readonly dispatcher: string;
      readonly at: string;
      readonly leaseUntil: string;
      readonly recipient: Recipient | Withheld | Unreachable;
      readonly retry: RetryPolicy;
    }
  | {
      readonly type: 'RecordDeliveryOutcome';
      readonly dispatcher: string;
      readonly at: string;
      readonly outcome: DeliveryOutcome;
      readonly retry: RetryPolicy;
    }
  /** An operator sends a failing message again now: a failed one, or an escalating one between rounds. */
  | { readonly type: 'RetryDelivery'; readonly at: string }
  /** Stop repeating it: what it asked for was done (a critical result read back, or its report replaced); once per trigger. */
  | { readonly type: 'AcknowledgeNotification'; readonly at: string; readonly trigger: string }
  /** Its patient was erased: forget what it said to them (once). */
  | { readonly type: 'EraseDetails'; readonly at: string };
