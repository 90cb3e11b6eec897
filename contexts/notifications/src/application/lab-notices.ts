import type { LabOrderEvent } from '@hcms/laboratory/contract';
import type { NotificationCommand } from '../domain/notification.commands.js';
import type { Escalation } from '../domain/notification.events.js';
import { correctedReportNotice, criticalResultAlert, resultsAvailableNotice } from './lab-messages.js';
import { isNews } from './notice-window.js';

/** A command for one notification, by the id its trigger gives it. */
export interface LabNotice {
  readonly notificationId: string;
  readonly command: NotificationCommand;
}

/** What the policy looked up before deciding, and the event's place in time. */
export interface LabCircumstances {
  /** The event handled: it schedules at most one notification of each id, however often seen. */
  readonly trigger: string;
  readonly recordedAt: string;
  readonly now: string;
  readonly escalation: Escalation;
  /** Nothing is scheduled for a patient who died. */
  readonly patientDeceased: boolean;
  /** The laboratory already recorded a read-back of the alert this event raises (met again in a replay). */
  readonly alertAcknowledged: boolean;
}

const schedule = (
  notificationId: string,
  fields: Omit<Extract<NotificationCommand, { type: 'ScheduleNotification' }>, 'type' | 'notificationId'>,
): LabNotice => ({ notificationId, command: { type: 'ScheduleNotification', notificationId, ...fields } });

/**
 * The notifications a laboratory event calls for. A critical result alerts the ordering clinician,
 * repeating and escalating until a read-back is recorded, however old the event (an alert nobody
 * answered is never stale); a callback without a read-back leaves it going. A report is news to its
 * patient only within the notice window; a corrected one is news to the ordering clinician as well.
 */
export const labNotices = (event: LabOrderEvent, c: LabCircumstances): readonly LabNotice[] => {
  switch (event.type) {
    case 'CriticalResultDetected': {
      if (c.alertAcknowledged) return [];
      const { alertId, labOrderId, patientId, orderingClinicianId } = event.data;
      return [
        schedule(`critical-${alertId}`, {
          patientId,
          labOrderId,
          audience: 'staff',
          staffId: orderingClinicianId,
          escalation: c.escalation,
          kind: 'critical-result',
          ...criticalResultAlert(labOrderId),
          dueAt: c.now,
          trigger: c.trigger,
        }),
      ];
    }
    case 'CriticalCallbackRecorded': {
      const acknowledge = { type: 'AcknowledgeNotification', at: c.now, trigger: c.trigger } as const;
      return event.data.readBack ? [{ notificationId: `critical-${event.data.alertId}`, command: acknowledge }] : [];
    }
    case 'LabResultFinalized': {
      if (!isNews(c.recordedAt, c.now)) return [];
      const { labOrderId, patientId, orderingClinicianId, reportVersion, status } = event.data;
      const corrected = status === 'corrected';
      const common = { patientId, labOrderId, dueAt: c.now, trigger: c.trigger };
      const toClinician = corrected
        ? [
            schedule(`corrected-${labOrderId}-${reportVersion}`, {
              ...common,
              audience: 'staff',
              staffId: orderingClinicianId,
              kind: 'corrected-report',
              ...correctedReportNotice(labOrderId, reportVersion),
            }),
          ]
        : [];
      const toPatient = c.patientDeceased
        ? []
        : [
            schedule(`results-${labOrderId}-${reportVersion}`, {
              ...common,
              audience: 'patient',
              kind: 'results-available',
              ...resultsAvailableNotice(corrected),
            }),
          ];
      return [...toClinician, ...toPatient];
    }
    default:
      return [];
  }
};
