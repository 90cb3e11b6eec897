import { specFor } from '@hcms/shared-kernel/testing';
import type { IsoDate, IsoDateTime, NonEmptyText } from '@hcms/shared-kernel';
import { patientDecider } from './patient.decider.js';
import type { PatientEvent } from './patient.events.js';
import type { Demographics, Mrn } from './patient.values.js';

const given = specFor(patientDecider);
const at = '2026-03-01T10:00:00.000Z' as IsoDateTime;
const text = (s: string) => s as NonEmptyText;
const date = (s: string) => s as IsoDate;
const demographics: Demographics = { givenName: text('Ada'), familyName: text('Lovelace'), dateOfBirth: date('1990-12-10'), sex: 'female' };

const registered: PatientEvent = {
  type: 'PatientRegistered',
  data: { patientId: 'p1', mrn: 'MRN-00000018' as Mrn, demographics, registeredAt: at },
};
const penicillin: PatientEvent = {
  type: 'AllergyRecorded',
  data: { allergyId: 'a1', substance: text('Penicillin'), reaction: text('Rash'), severity: 'moderate', recordedAt: at },
};
const deactivated: PatientEvent = { type: 'PatientDeactivated', data: { reason: text('moved away'), deactivatedAt: at } };
const died: PatientEvent = { type: 'PatientDied', data: { dateOfDeath: date('2026-02-01'), recordedAt: at } };
const diabetes: PatientEvent = {
  type: 'MedicalHistoryEntryAdded',
  data: { entryId: 'h1', condition: text('Type 2 diabetes'), icd10Code: 'E11.9' as never, status: 'active' },
};
const consent: PatientEvent = { type: 'ConsentRecorded', data: { consentId: 'c1', kind: 'treatment', grantedAt: at } };

describe('Patient', () => {
  describe('registration', () => {
    const register = {
      type: 'RegisterPatient',
      patientId: 'p1',
      mrn: 'MRN-00000018' as Mrn,
      demographics,
      at,
      possibleDuplicateOf: [],
    } as const;

    it('registers a new patient', () => given([]).when(register).then([registered]));
    it('records the possible duplicates the registrar accepted', () =>
      given([])
        .when({ ...register, possibleDuplicateOf: ['p0'] })
        .then([{ ...registered, data: { ...registered.data, possibleDuplicateOf: ['p0'] } }]));
    it('refuses a date of birth in the future', () =>
      given([])
        .when({ ...register, demographics: { ...demographics, dateOfBirth: date('2026-03-03') } })
        .thenFails('DATE_IN_FUTURE'));
    it('accepts a birth today in any time zone', () =>
      given([])
        .when({ ...register, demographics: { ...demographics, dateOfBirth: date('2026-03-02') } })
        .then([{ ...registered, data: { ...registered.data, demographics: { ...demographics, dateOfBirth: date('2026-03-02') } } }]));
    it('refuses to register the same patient twice', () => given([registered]).when(register).thenFails('PATIENT_ALREADY_REGISTERED'));
  });

  describe('demographics', () => {
    it('updates the changed fields and keeps the others', () =>
      given([registered])
        .when({ type: 'UpdateDemographics', changes: { familyName: text('King') }, at })
        .then([{ type: 'DemographicsUpdated', data: { demographics: { ...demographics, familyName: text('King') } } }]));
    it('records nothing when nothing changed', () =>
      given([registered])
        .when({ type: 'UpdateDemographics', changes: { givenName: text('Ada') }, at })
        .then([]));
    it('refuses a future date of birth', () =>
      given([registered])
        .when({ type: 'UpdateDemographics', changes: { dateOfBirth: date('2030-01-01') }, at })
        .thenFails('DATE_IN_FUTURE'));
    it('refuses changes to an unknown patient', () =>
      given([]).when({ type: 'UpdateDemographics', changes: {}, at }).thenFails('PATIENT_NOT_FOUND'));
  });

  describe('allergies', () => {
    const record = {
      type: 'RecordAllergy',
      allergyId: 'a1',
      substance: text('Penicillin'),
      reaction: text('Rash'),
      severity: 'moderate',
      at,
    } as const;
    it('records an allergy', () => given([registered]).when(record).then([penicillin]));
    it('refuses a second active allergy to the same substance, whatever its case', () =>
      given([registered, penicillin])
        .when({ ...record, allergyId: 'a2', substance: text('PENICILLIN') })
        .thenFails('ALLERGY_ALREADY_ACTIVE'));
    it('allows recording it again once resolved', () =>
      given([registered, penicillin, { type: 'AllergyResolved', data: { allergyId: 'a1', resolvedAt: at } }])
        .when({ ...record, allergyId: 'a2' })
        .then([{ ...penicillin, data: { ...penicillin.data, allergyId: 'a2' } }]));
    it('resolves an active allergy', () =>
      given([registered, penicillin])
        .when({ type: 'ResolveAllergy', allergyId: 'a1', at })
        .then([{ type: 'AllergyResolved', data: { allergyId: 'a1', resolvedAt: at } }]));
    it('refuses to resolve an unknown allergy', () =>
      given([registered]).when({ type: 'ResolveAllergy', allergyId: 'nope', at }).thenFails('ALLERGY_NOT_FOUND'));
    it('refuses to resolve an allergy twice', () =>
      given([registered, penicillin, { type: 'AllergyResolved', data: { allergyId: 'a1', resolvedAt: at } }])
        .when({ type: 'ResolveAllergy', allergyId: 'a1', at })
        .thenFails('ALLERGY_ALREADY_RESOLVED'));
  });

  describe('medical history', () => {
    const add = {
      type: 'AddMedicalHistoryEntry',
      entryId: 'h1',
      condition: text('Type 2 diabetes'),
      icd10Code: 'E11.9' as never,
      status: 'active',
      at,
    } as const;
    it('adds an entry', () => given([registered]).when(add).then([diabetes]));
    it('refuses an onset in the future', () =>
      given([registered])
        .when({ ...add, onsetDate: date('2027-01-01') })
        .thenFails('DATE_IN_FUTURE'));
    it('refuses a duplicate entry id', () => given([registered, diabetes]).when(add).thenFails('HISTORY_ENTRY_EXISTS'));
    it('updates the status of an entry', () =>
      given([registered, diabetes])
        .when({ type: 'UpdateMedicalHistoryEntry', entryId: 'h1', status: 'remission', at })
        .then([{ type: 'MedicalHistoryEntryUpdated', data: { entryId: 'h1', status: 'remission' } }]));
    it('refuses an update that changes nothing', () =>
      given([registered, diabetes]).when({ type: 'UpdateMedicalHistoryEntry', entryId: 'h1', at }).thenFails('NOTHING_TO_UPDATE'));
    it('refuses to update an unknown entry', () =>
      given([registered])
        .when({ type: 'UpdateMedicalHistoryEntry', entryId: 'h9', status: 'resolved', at })
        .thenFails('HISTORY_ENTRY_NOT_FOUND'));
  });

  describe('consent', () => {
    it('records a consent', () =>
      given([registered]).when({ type: 'RecordConsent', consentId: 'c1', kind: 'treatment', at }).then([consent]));
    it('refuses a consent that expired before it was given', () =>
      given([registered])
        .when({ type: 'RecordConsent', consentId: 'c1', kind: 'research', expiresOn: date('2020-01-01'), at })
        .thenFails('CONSENT_EXPIRY_IN_PAST'));
    it('withdraws a consent, even once the patient is deactivated', () =>
      given([registered, consent, deactivated])
        .when({ type: 'WithdrawConsent', consentId: 'c1', at })
        .then([{ type: 'ConsentWithdrawn', data: { consentId: 'c1', withdrawnAt: at } }]));
    it('refuses to withdraw twice', () =>
      given([registered, consent, { type: 'ConsentWithdrawn', data: { consentId: 'c1', withdrawnAt: at } }])
        .when({ type: 'WithdrawConsent', consentId: 'c1', at })
        .thenFails('CONSENT_ALREADY_WITHDRAWN'));
    it('refuses to withdraw an unknown consent', () =>
      given([registered]).when({ type: 'WithdrawConsent', consentId: 'c9', at }).thenFails('CONSENT_NOT_FOUND'));
  });

  describe('when deactivated', () => {
    it('deactivates an active patient', () =>
      given([registered])
        .when({ type: 'DeactivatePatient', reason: text('moved away'), at })
        .then([deactivated]));
    it('refuses further changes', () =>
      given([registered, deactivated])
        .when({ type: 'RecordAllergy', allergyId: 'a1', substance: text('Latex'), reaction: text('Hives'), severity: 'mild', at })
        .thenFails('PATIENT_INACTIVE'));
    it('refuses a second deactivation', () =>
      given([registered, deactivated])
        .when({ type: 'DeactivatePatient', reason: text('again'), at })
        .thenFails('PATIENT_INACTIVE'));
    it('can be reactivated', () =>
      given([registered, deactivated])
        .when({ type: 'ReactivatePatient', at })
        .then([{ type: 'PatientReactivated', data: { reactivatedAt: at } }]));
    it('refuses reactivating an active patient', () =>
      given([registered]).when({ type: 'ReactivatePatient', at }).thenFails('PATIENT_ALREADY_ACTIVE'));
  });

  describe('when deceased', () => {
    it('records the death', () =>
      given([registered])
        .when({ type: 'RecordDeath', dateOfDeath: date('2026-02-01'), at })
        .then([died]));
    it('records the death of a deactivated patient', () =>
      given([registered, deactivated])
        .when({ type: 'RecordDeath', dateOfDeath: date('2026-02-01'), at })
        .then([died]));
    it('refuses a date of death before birth', () =>
      given([registered])
        .when({ type: 'RecordDeath', dateOfDeath: date('1980-01-01'), at })
        .thenFails('DATE_BEFORE_BIRTH'));
    it('refuses a date of death in the future', () =>
      given([registered])
        .when({ type: 'RecordDeath', dateOfDeath: date('2026-04-01'), at })
        .thenFails('DATE_IN_FUTURE'));
    it('refuses reactivation', () => given([registered, died]).when({ type: 'ReactivatePatient', at }).thenFails('PATIENT_DECEASED'));
    it('refuses changes to the record', () =>
      given([registered, died])
        .when({ type: 'UpdateDemographics', changes: { familyName: text('King') }, at })
        .thenFails('PATIENT_DECEASED'));
  });
});

describe('Patient contact preferences', () => {
  const at = '2026-03-01T10:00:00.000Z' as IsoDateTime;
  const withEmail: PatientEvent = {
    type: 'PatientRegistered',
    data: {
      patientId: 'p1',
      mrn: 'MRN-00000018' as Mrn,
      demographics: { ...demographics, email: 'ada@example.org' as never },
      registeredAt: at,
    },
  };
  it('records a preferred channel the record has a detail for', () =>
    given([withEmail])
      .when({ type: 'RecordContactPreferences', preferred: 'email', optOut: false, at })
      .then([{ type: 'ContactPreferencesRecorded', data: { preferred: 'email', optOut: false } }]));
  it('refuses a channel without the detail to use it', () =>
    given([withEmail]).when({ type: 'RecordContactPreferences', preferred: 'sms', optOut: false, at }).thenFails('NO_CONTACT_DETAIL'));
  it('honours an opt-out even on a deactivated record', () =>
    given([withEmail, deactivated])
      .when({ type: 'RecordContactPreferences', preferred: 'sms', optOut: true, at })
      .then([{ type: 'ContactPreferencesRecorded', data: { preferred: 'sms', optOut: true } }]));
});
