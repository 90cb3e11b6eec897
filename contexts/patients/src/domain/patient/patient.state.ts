import type { IsoDate } from '@hcms/shared-kernel';
import type { PatientEvent } from './patient.events.js';
import type { Demographics, Mrn } from './patient.values.js';

export interface AllergyState {
  readonly substanceKey: string;
  readonly active: boolean;
}

export interface ConsentState {
  readonly active: boolean;
}

export interface OnFile {
  readonly patientId: string;
  readonly mrn: Mrn;
  readonly demographics: Demographics;
  readonly allergies: Readonly<Record<string, AllergyState>>;
  readonly historyEntries: ReadonlySet<string>;
  readonly consents: Readonly<Record<string, ConsentState>>;
  /** Open legal holds, by id: the last day each lasts, if it says. */
  readonly holds: Readonly<Record<string, { readonly until?: IsoDate }>>;
  /** Processing restricted: kept for legal use, hidden from searches and lists. */
  readonly restricted: boolean;
}

/** Only what decisions need: the read models hold the rest. */
export type PatientState =
  | { readonly status: 'unregistered' }
  | (OnFile & { readonly status: 'active' })
  | (OnFile & { readonly status: 'inactive' })
  | (OnFile & { readonly status: 'deceased'; readonly dateOfDeath: IsoDate })
  | { readonly status: 'erased'; readonly patientId: string; readonly erasedAt: string };

export const initialState: PatientState = { status: 'unregistered' };

/** Allergies to "Penicillin" and " penicillin" are the same allergy. */
export const substanceKey = (substance: string): string => substance.trim().toLowerCase().replace(/\s+/g, ' ');

export const evolve = (state: PatientState, event: PatientEvent): PatientState => {
  if (event.type === 'PatientRegistered') {
    const { patientId, mrn, demographics } = event.data;
    return {
      status: 'active',
      patientId,
      mrn,
      demographics,
      allergies: {},
      historyEntries: new Set(),
      consents: {},
      holds: {},
      restricted: false,
    };
  }
  if (state.status === 'unregistered' || state.status === 'erased') return state;
  switch (event.type) {
    case 'DemographicsUpdated':
      return { ...state, demographics: event.data.demographics };
    case 'AllergyRecorded':
      return {
        ...state,
        allergies: { ...state.allergies, [event.data.allergyId]: { substanceKey: substanceKey(event.data.substance), active: true } },
      };
    case 'AllergyResolved': {
      const allergy = state.allergies[event.data.allergyId];
      return allergy ? { ...state, allergies: { ...state.allergies, [event.data.allergyId]: { ...allergy, active: false } } } : state;
    }
    case 'MedicalHistoryEntryAdded':
      return { ...state, historyEntries: new Set([...state.historyEntries, event.data.entryId]) };
    case 'MedicalHistoryEntryUpdated':
      return state;
    case 'ConsentRecorded':
      return { ...state, consents: { ...state.consents, [event.data.consentId]: { active: true } } };
    case 'ConsentWithdrawn':
      return { ...state, consents: { ...state.consents, [event.data.consentId]: { active: false } } };
    case 'PatientDeactivated':
      return state.status === 'deceased' ? state : { ...state, status: 'inactive' };
    case 'PatientReactivated':
      return state.status === 'deceased' ? state : { ...state, status: 'active' };
    case 'PatientDied':
      return { ...state, status: 'deceased', dateOfDeath: event.data.dateOfDeath };
    case 'ContactPreferencesRecorded':
      return state;
    case 'LegalHoldPlaced':
      return { ...state, holds: { ...state.holds, [event.data.holdId]: event.data.until ? { until: event.data.until } : {} } };
    case 'LegalHoldReleased': {
      const { [event.data.holdId]: _released, ...holds } = state.holds;
      return { ...state, holds };
    }
    case 'ProcessingRestricted':
      return { ...state, restricted: true };
    case 'ProcessingRestrictionLifted':
      return { ...state, restricted: false };
    case 'PatientErased':
      return { status: 'erased', patientId: state.patientId, erasedAt: event.data.erasedAt };
  }
};
