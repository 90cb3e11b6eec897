import { toDomainEvent } from '@hcms/shared-kernel';
import { patientEvents } from '@hcms/patients/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

/** Notifications' reference data on patients: how to reach them, whether they want it, whether they live. */
export interface ContactDoc {
  readonly email?: string;
  readonly phone?: string;
  readonly preferred?: 'email' | 'sms';
  readonly optOut: boolean;
  /** Nothing is scheduled or sent for a patient who died, whatever else the record says. */
  readonly deceased?: boolean;
}

export const notificationContactsProjection: Projection<ContactDoc> = {
  name: 'notifications-contacts',
  indexes: [],
  documentOf: documentPerStream('patient-'),
  evolve: (doc, event) => {
    const e = toDomainEvent(patientEvents, event);
    const contact = ({ email, phone }: { email?: string; phone?: string }, base: ContactDoc): ContactDoc => {
      const { email: _e, phone: _p, ...rest } = base;
      return { ...rest, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
    };
    switch (e.type) {
      case 'PatientRegistered':
        return contact(e.data.demographics, { optOut: false });
      case 'DemographicsUpdated':
        return contact(e.data.demographics, doc ?? { optOut: false });
      case 'ContactPreferencesRecorded':
        return { ...(doc ?? {}), preferred: e.data.preferred, optOut: e.data.optOut };
      case 'PatientDied':
        return { ...(doc ?? { optOut: false }), deceased: true };
      // Nothing is kept of how to reach an erased patient, and nothing is sent to them again.
      case 'PatientErased':
        return { optOut: true };
      default:
        return doc;
    }
  },
};
