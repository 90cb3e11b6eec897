import { toDomainEvent } from '@hcms/shared-kernel';
import { ERASED_DEMOGRAPHICS, patientEvents, type Demographics, type PatientEvent } from '@hcms/patients/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

export interface AllergyView {
  readonly allergyId: string;
  readonly substance: string;
  readonly reaction: string;
  readonly severity: string;
  readonly status: 'active' | 'resolved';
  readonly recordedAt: string;
  readonly resolvedAt?: string;
}

export interface HistoryEntryView {
  readonly entryId: string;
  readonly condition: string;
  readonly icd10Code: string;
  readonly status: string;
  readonly onsetDate?: string;
  readonly note?: string;
}

export interface ConsentView {
  readonly consentId: string;
  readonly kind: string;
  readonly status: 'granted' | 'withdrawn';
  readonly grantedAt: string;
  readonly expiresOn?: string;
  readonly withdrawnAt?: string;
}

/** The chart header a clinician opens: everything Patients knows, as of its last event. */
export interface PatientDetail {
  readonly patientId: string;
  readonly mrn: string;
  /** `erased`: nothing personal is left, and reads answer 410. */
  readonly status: 'active' | 'inactive' | 'deceased' | 'erased';
  readonly demographics: Demographics;
  readonly allergies: readonly AllergyView[];
  readonly medicalHistory: readonly HistoryEntryView[];
  readonly consents: readonly ConsentView[];
  readonly registeredAt: string;
  readonly possibleDuplicateOf: readonly string[];
  readonly deactivation?: { readonly reason: string; readonly at: string };
  readonly dateOfDeath?: string;
  readonly contactPreferences?: { readonly preferred: string; readonly optOut: boolean };
  readonly legalHolds?: readonly { readonly holdId: string; readonly basis: string; readonly placedAt: string; readonly until?: string }[];
  /** Processing restricted: kept for legal use, hidden from searches and lists. */
  readonly restricted?: true;
  readonly erasedAt?: string;
}

/** What is left of a chart once its patient is erased: ids and dates, nothing personal. */
const erasedChart = (doc: PatientDetail, erasedAt: string): PatientDetail => ({
  patientId: doc.patientId,
  mrn: 'ERASED',
  status: 'erased',
  demographics: ERASED_DEMOGRAPHICS,
  allergies: [],
  medicalHistory: [],
  consents: [],
  registeredAt: doc.registeredAt,
  possibleDuplicateOf: [],
  erasedAt,
});

const replaceWhere = <T>(items: readonly T[], match: (t: T) => boolean, change: (t: T) => T): T[] =>
  items.map((item) => (match(item) ? change(item) : item));

export const evolvePatientDetail = (doc: PatientDetail | null, event: PatientEvent): PatientDetail | null => {
  if (event.type === 'PatientRegistered') {
    const { patientId, mrn, demographics, registeredAt, possibleDuplicateOf } = event.data;
    return {
      patientId,
      mrn,
      status: 'active',
      demographics,
      allergies: [],
      medicalHistory: [],
      consents: [],
      registeredAt,
      possibleDuplicateOf: possibleDuplicateOf ?? [],
    };
  }
  if (doc === null) return null;
  switch (event.type) {
    case 'DemographicsUpdated':
      return { ...doc, demographics: event.data.demographics };
    case 'AllergyRecorded': {
      const { allergyId, substance, reaction, severity, recordedAt } = event.data;
      return { ...doc, allergies: [...doc.allergies, { allergyId, substance, reaction, severity, status: 'active', recordedAt }] };
    }
    case 'AllergyResolved':
      return {
        ...doc,
        allergies: replaceWhere(
          doc.allergies,
          (a) => a.allergyId === event.data.allergyId,
          (a) => ({ ...a, status: 'resolved', resolvedAt: event.data.resolvedAt }),
        ),
      };
    case 'MedicalHistoryEntryAdded':
      return { ...doc, medicalHistory: [...doc.medicalHistory, { ...event.data }] };
    case 'MedicalHistoryEntryUpdated': {
      const { entryId, ...changes } = event.data;
      return {
        ...doc,
        medicalHistory: replaceWhere(
          doc.medicalHistory,
          (h) => h.entryId === entryId,
          (h) => ({ ...h, ...changes }),
        ),
      };
    }
    case 'ConsentRecorded': {
      const { consentId, kind, grantedAt, expiresOn } = event.data;
      return {
        ...doc,
        consents: [...doc.consents, { consentId, kind, grantedAt, status: 'granted', ...(expiresOn ? { expiresOn } : {}) }],
      };
    }
    case 'ConsentWithdrawn':
      return {
        ...doc,
        consents: replaceWhere(
          doc.consents,
          (c) => c.consentId === event.data.consentId,
          (c) => ({ ...c, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt }),
        ),
      };
    case 'PatientDeactivated':
      return { ...doc, status: 'inactive', deactivation: { reason: event.data.reason, at: event.data.deactivatedAt } };
    case 'PatientReactivated': {
      const { deactivation: _gone, ...rest } = doc;
      return { ...rest, status: 'active' };
    }
    case 'PatientDied':
      return { ...doc, status: 'deceased', dateOfDeath: event.data.dateOfDeath };
    case 'ContactPreferencesRecorded':
      return { ...doc, contactPreferences: event.data };
    case 'LegalHoldPlaced':
      return { ...doc, legalHolds: [...(doc.legalHolds ?? []), event.data] };
    case 'LegalHoldReleased':
      return { ...doc, legalHolds: (doc.legalHolds ?? []).filter((h) => h.holdId !== event.data.holdId) };
    case 'ProcessingRestricted':
      return { ...doc, restricted: true };
    case 'ProcessingRestrictionLifted': {
      const { restricted: _lifted, ...rest } = doc;
      return rest;
    }
    case 'PatientErased':
      return erasedChart(doc, event.data.erasedAt);
  }
};

export const patientDetailProjection: Projection<PatientDetail> = {
  name: 'patient-detail',
  indexes: [],
  mirrored: true,
  documentOf: documentPerStream('patient-'),
  evolve: (doc, event) => evolvePatientDetail(doc, toDomainEvent(patientEvents, event)),
};
