import { searchKey, toDomainEvent } from '@hcms/shared-kernel';
import { patientEvents, type PatientEvent } from '@hcms/patients/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

export type PatientStatus = 'active' | 'inactive' | 'deceased';

/** One row per patient for finding them: by name prefix, MRN or date of birth. */
export interface PatientListItem {
  readonly patientId: string;
  readonly mrn: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly sex: string;
  readonly status: PatientStatus;
  readonly familyNameKey: string;
  readonly givenNameKey: string;
  readonly sortKey: string;
  /** Processing restricted: kept, but left out of every search and list. */
  readonly restricted?: true;
}

export const evolvePatientListItem = (doc: PatientListItem | null, event: PatientEvent): PatientListItem | null => {
  if (event.type === 'PatientRegistered') {
    const { patientId, mrn, demographics: d } = event.data;
    return withKeys({
      patientId,
      mrn,
      givenName: d.givenName,
      familyName: d.familyName,
      dateOfBirth: d.dateOfBirth,
      sex: d.sex,
      status: 'active',
    });
  }
  if (doc === null) return null;
  switch (event.type) {
    case 'DemographicsUpdated': {
      const d = event.data.demographics;
      return withKeys({ ...doc, givenName: d.givenName, familyName: d.familyName, dateOfBirth: d.dateOfBirth, sex: d.sex });
    }
    case 'PatientDeactivated':
      return { ...doc, status: 'inactive' };
    case 'PatientReactivated':
      return { ...doc, status: 'active' };
    case 'PatientDied':
      return { ...doc, status: 'deceased' };
    case 'ProcessingRestricted':
      return { ...doc, restricted: true };
    case 'ProcessingRestrictionLifted': {
      const { restricted: _lifted, ...rest } = doc;
      return rest;
    }
    // Nothing of an erased patient is left to find.
    case 'PatientErased':
      return null;
    default:
      return doc;
  }
};

const withKeys = (item: Omit<PatientListItem, 'familyNameKey' | 'givenNameKey' | 'sortKey'>): PatientListItem => {
  const familyNameKey = searchKey(item.familyName);
  const givenNameKey = searchKey(item.givenName);
  return { ...item, familyNameKey, givenNameKey, sortKey: `${familyNameKey} ${givenNameKey}` };
};

export const patientListProjection: Projection<PatientListItem> = {
  name: 'patient-list',
  indexes: [
    { fields: ['familyNameKey'] },
    { fields: ['mrn'] },
    { fields: ['dateOfBirth'] },
    { fields: ['sortKey'] },
    { fields: ['status', 'sortKey'] },
  ],
  documentOf: documentPerStream('patient-'),
  evolve: (doc, event) => evolvePatientListItem(doc, toDomainEvent(patientEvents, event)),
};
