import { specFor } from '@hcms/shared-kernel/testing';
import type { IsoDate, IsoDateTime, NonEmptyText } from '@hcms/shared-kernel';
import { patientDecider } from './patient.decider.js';
import type { PatientEvent } from './patient.events.js';
import type { Demographics, Mrn } from './patient.values.js';

const given = specFor(patientDecider);
const at = '2036-03-01T10:00:00.000Z' as IsoDateTime;
const demographics = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' } as Demographics;
const registered: PatientEvent = {
  type: 'PatientRegistered',
  data: { patientId: 'p1', mrn: 'MRN-00000018' as Mrn, demographics, registeredAt: '2026-03-01T10:00:00.000Z' as IsoDateTime },
};
const erase = { type: 'ErasePatient', reason: 'patient-request', at, retainedUntil: '2036-03-01T09:00:00.000Z' as IsoDateTime } as const;
const erased: PatientEvent = { type: 'PatientErased', data: { erasedAt: at, reason: 'patient-request' } };
const hold = (holdId: string, until?: string): PatientEvent => ({
  type: 'LegalHoldPlaced',
  data: { holdId, basis: 'litigation', placedAt: '2030-01-01T00:00:00.000Z' as IsoDateTime, ...(until ? { until: until as IsoDate } : {}) },
});

describe('Patient erasure, legal holds and restricted processing', () => {
  it('erases once the retention period is over, recording no personal data', () => given([registered]).when(erase).then([erased]));

  it('refuses inside the retention period, saying when erasure becomes possible', () =>
    given([registered])
      .when({ ...erase, retainedUntil: '2036-03-02T00:00:00.000Z' as IsoDateTime })
      .thenFails('RETENTION_PERIOD'));

  it('refuses under an open legal hold, and erases once it is released or has lapsed', () => {
    given([registered, hold('h1')])
      .when(erase)
      .thenFails('LEGAL_HOLD');
    given([registered, hold('h1', '2036-03-01')])
      .when(erase)
      .thenFails('LEGAL_HOLD');
    given([registered, hold('h1', '2036-02-29')])
      .when(erase)
      .then([erased]);
    given([registered, hold('h1'), { type: 'LegalHoldReleased', data: { holdId: 'h1', releasedAt: at } }])
      .when(erase)
      .then([erased]);
  });

  it('answers every command about an erased patient with PATIENT_ERASED (410)', () => {
    given([registered, erased]).when(erase).thenFails('PATIENT_ERASED');
    given([registered, erased])
      .when({ type: 'UpdateDemographics', changes: { familyName: 'Byron' as NonEmptyText }, at })
      .thenFails('PATIENT_ERASED');
    given([registered, erased]).when({ type: 'RestrictProcessing', at }).thenFails('PATIENT_ERASED');
    given([registered, erased]).when({ type: 'ReactivatePatient', at }).thenFails('PATIENT_ERASED');
  });

  it('places and releases holds, refusing a hold that ends before it begins or one that is not open', () => {
    given([registered])
      .when({ type: 'PlaceLegalHold', holdId: 'h1', basis: 'regulator', at })
      .then([{ type: 'LegalHoldPlaced', data: { holdId: 'h1', basis: 'regulator', placedAt: at } }]);
    given([registered])
      .when({ type: 'PlaceLegalHold', holdId: 'h1', basis: 'regulator', until: '2036-02-01' as IsoDate, at })
      .thenFails('DATE_IN_PAST');
    given([registered]).when({ type: 'ReleaseLegalHold', holdId: 'h9', at }).thenFails('LEGAL_HOLD_NOT_FOUND');
  });

  it('restricts processing once, and lifts only a restriction in place', () => {
    given([registered])
      .when({ type: 'RestrictProcessing', at })
      .then([{ type: 'ProcessingRestricted', data: { restrictedAt: at } }]);
    given([registered, { type: 'ProcessingRestricted', data: { restrictedAt: at } }])
      .when({ type: 'RestrictProcessing', at })
      .thenFails('ALREADY_RESTRICTED');
    given([registered]).when({ type: 'LiftProcessingRestriction', at }).thenFails('NOT_RESTRICTED');
  });
});
