import { expect } from 'chai';
import type { StoredEvent } from '@hcms/shared-kernel';
import { notificationContactsProjection, type ContactDoc } from './notification-contacts.projection.js';

let version = 0;
const patientEvent = (type: string, data: unknown): StoredEvent => ({
  id: `e${++version}`,
  type: `patients.${type}`,
  streamId: 'patient-p1',
  version,
  position: version,
  recordedAt: '2026-12-06T10:00:00.000Z',
  data,
  metadata: { actor: { id: 'desk', role: 'receptionist' }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId: 'p1' },
});
const evolve = (events: StoredEvent[]): ContactDoc | null =>
  events.reduce<ContactDoc | null>((doc, e) => notificationContactsProjection.evolve(doc, e), null);

describe('Notification contacts', () => {
  it('keeps the latest preferences, and marks a patient who died so nothing more is sent', () => {
    const doc = evolve([
      patientEvent('ContactPreferencesRecorded', { preferred: 'sms', optOut: false }),
      patientEvent('PatientDied', { dateOfDeath: '2026-12-05', recordedAt: '2026-12-06T10:00:00.000Z' }),
      patientEvent('ContactPreferencesRecorded', { preferred: 'email', optOut: false }),
    ]);
    expect(doc).to.deep.equal({ preferred: 'email', optOut: false, deceased: true });
  });

  it('keeps nothing of how to reach an erased patient, and sends them nothing more', () => {
    const doc = evolve([
      patientEvent('PatientRegistered', {
        patientId: 'p1',
        mrn: 'MRN-1234',
        demographics: { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female', email: 'ada@example.org' },
        registeredAt: '2026-12-06T10:00:00.000Z',
      }),
      patientEvent('ContactPreferencesRecorded', { preferred: 'email', optOut: false }),
      patientEvent('PatientErased', { erasedAt: '2026-12-07T10:00:00.000Z', reason: 'patient-request' }),
    ]);
    expect(doc).to.deep.equal({ optOut: true });
  });
});
