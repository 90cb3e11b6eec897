import * as E from 'fp-ts/lib/Either.js';
import { policyContext, runCommand, type StoredEvent } from '@hcms/shared-kernel';
import { notificationStream } from '../contract.js';
import { notificationAggregate } from './aggregate.js';
import type { NotificationsDeps } from './notifications.deps.js';

export const PATIENT_ERASED_TOPICS = ['patients.PatientErased'];

/**
 * When Patients erases a patient, every notification about them forgets what it said and where
 * it went (a channel's error may repeat the address). Redelivery is harmless: details are erased once.
 */
export const onPatientErased =
  (deps: NotificationsDeps) =>
  async (event: StoredEvent, notificationIds: readonly string[]): Promise<void> => {
    const patientId = event.metadata.patientId;
    if (event.type !== 'patients.PatientErased' || !patientId) return;
    const ctx = policyContext('notifications.on-patient-erased', event, deps.clock.now());
    for (const notificationId of notificationIds) {
      const erase = { type: 'EraseDetails', at: ctx.now.toISOString() } as const;
      const result = await runCommand(deps, notificationAggregate, notificationStream(notificationId), erase, ctx, { patientId });
      if (E.isLeft(result) && result.left.code !== 'NOTIFICATION_NOT_FOUND') {
        throw new Error(`could not erase the details of ${notificationId}: ${result.left.code}`);
      }
    }
  };
