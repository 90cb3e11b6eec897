import type { LabOrderEvent } from '@hcms/laboratory/contract';
import type { NotificationCommand } from '../domain/notification.commands.js';
import type { Escalation } from '../domain/notification.events.js';
import { correctedReportNotice, criticalResultAlert, resultsAvailableNotice } from './lab-messages.js';
import { isCriticalResult, type FinalizedReport } from './lab-order-history.js';
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
  /** The patient of the report to tell of died: they are told nothing. */
  readonly patientDeceased: boolean;
  /** The alert this event raises is closed already, read back or superseded (met again in a replay). */
  readonly alertClosed: boolean;
  /** On an alert's closing: the report its patient may now be told of, if no alert on the order is still open. */
  readonly released?: FinalizedReport;
}

const schedule = (
  notificationId: string,
  fields: Omit<Extract<NotificationCommand, { type: 'ScheduleNotification' }>, 'type' | 'notificationId'>,
): LabNotice => ({ notificationId, command: { type: 'ScheduleNotification', notificationId, ...fields } });

/** Stops the alert's notification; once, whichever event closes it and however often it is seen. */
const acknowledge = (alertId: string, c: LabCircumstances): LabNotice => ({
  notificationId: `critical-${alertId}`,
  command: { type: 'AcknowledgeNotification', at: c.now, trigger: c.trigger },
});

/**
 * That results are available, to the patient, under an id from the report, so a report told of on
 * its finalization and again when an alert closes is one notice. News only within the notice
 * window: a subscription reading the log from its start must not tell patients of old reports.
 */
const toPatient = (report: FinalizedReport, c: LabCircumstances): LabNotice[] => {
  if (c.patientDeceased || !isNews(c.recordedAt, c.now)) return [];
  const { labOrderId, patientId, reportVersion, status } = report;
  return [
    schedule(`results-${labOrderId}-${reportVersion}`, {
      patientId,
      labOrderId,
      audience: 'patient',
      kind: 'results-available',
      ...resultsAvailableNotice(status === 'corrected'),
      dueAt: c.now,
      trigger: c.trigger,
    }),
  ];
};

/**
 * A corrected report, to the ordering clinician, however old: the notice window spares patients
 * old news, but a clinician who acted on a report must always hear that it changed.
 */
const toClinician = (report: FinalizedReport, c: LabCircumstances): LabNotice[] => {
  if (report.status !== 'corrected') return [];
  const { labOrderId, patientId, orderingClinicianId, reportVersion } = report;
  return [
    schedule(`corrected-${labOrderId}-${reportVersion}`, {
      patientId,
      labOrderId,
      audience: 'staff',
      staffId: orderingClinicianId,
      kind: 'corrected-report',
      ...correctedReportNotice(labOrderId, reportVersion),
      dueAt: c.now,
      trigger: c.trigger,
    }),
  ];
};

/**
 * The notifications a laboratory event calls for. A critical result alerts the ordering clinician,
 * repeating and escalating until it is closed — by a read-back, or by a corrected report replacing
 * the one it was about — however old the event (an alert nobody answered is never stale); a
 * callback without a read-back leaves it going. A report with a critical result is not told to its
 * patient until its alert closes: the patient must not hear of results before their clinician
 * does. A corrected report is news to the ordering clinician as well.
 */
export const labNotices = (event: LabOrderEvent, c: LabCircumstances): readonly LabNotice[] => {
  switch (event.type) {
    case 'CriticalResultDetected': {
      if (c.alertClosed) return [];
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
    case 'CriticalCallbackRecorded':
    case 'CriticalAlertSuperseded':
      if (event.type === 'CriticalCallbackRecorded' && !event.data.readBack) return [];
      return [acknowledge(event.data.alertId, c), ...(c.released ? toPatient(c.released, c) : [])];
    case 'LabResultFinalized': {
      const embargoed = event.data.results.some(isCriticalResult);
      return [...toClinician(event.data, c), ...(embargoed ? [] : toPatient(event.data, c))];
    }
    default:
      return [];
  }
};
