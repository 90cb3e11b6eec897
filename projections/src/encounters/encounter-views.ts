import type { Role } from '@hcms/shared-kernel';
import type { EncounterDetail, EncounterStatus } from './encounter-detail.projection.js';
import type { EncounterSummary } from './patient-encounters.projection.js';

/**
 * Whether a reader in `role` sees an encounter in `status`: a patient sees their encounters once
 * signed (or amended), never a draft or one entered in error; staff see every one, marked as it is.
 */
export const shownTo = (role: Role, status: EncounterStatus): boolean => role !== 'patient' || status === 'signed' || status === 'amended';

type Dated = { readonly dateOfService: string; readonly openedAt: string; readonly encounterId: string };
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** By date of service, then when opened, then id: one order, whatever order the read store gave. */
export const oldestFirst = (a: Dated, b: Dated): number =>
  compare(a.dateOfService, b.dateOfService) || compare(a.openedAt, b.openedAt) || compare(a.encounterId, b.encounterId);

export interface EncounterLine {
  readonly encounterId: string;
  readonly dateOfService: string;
  readonly status: EncounterStatus;
  readonly clinicianId: string;
  readonly primaryDiagnosis?: { readonly code: string; readonly title: string };
  readonly signedAt?: string;
}

export interface EncounterList {
  readonly patientId: string;
  readonly items: readonly EncounterLine[];
  readonly position: number;
}

export interface WorklistItem {
  readonly encounterId: string;
  readonly patientId: string;
  readonly dateOfService: string;
  readonly openedAt: string;
  readonly origin: EncounterDetail['origin'];
  readonly reasonForVisit?: string;
  readonly primaryDiagnosis?: { readonly code: string; readonly title: string };
}

const primaryOf = (
  diagnoses: readonly { readonly primary: boolean; readonly code: string; readonly title: string }[],
): Pick<EncounterLine, 'primaryDiagnosis'> => {
  const primary = diagnoses.find((dx) => dx.primary);
  return primary ? { primaryDiagnosis: { code: primary.code, title: primary.title } } : {};
};

/** The body of `GET /patients/:patientId/encounters/:encounterId` (the record it is computed from stays inside). */
export const encounterBody = (
  { record: _record, ...shown }: EncounterDetail,
  version: number,
  position: number,
): Omit<EncounterDetail, 'record'> & { readonly version: number; readonly position: number } => ({
  ...shown,
  version,
  position,
});

/** One line of a patient's list of encounters. */
export const encounterLine = (s: EncounterSummary): EncounterLine => ({
  encounterId: s.encounterId,
  dateOfService: s.dateOfService,
  status: s.status,
  clinicianId: s.clinicianId,
  ...primaryOf(s.diagnoses),
  ...(s.signedAt === undefined ? {} : { signedAt: s.signedAt }),
});

/** The body of `GET /patients/:patientId/encounters`: newest first, as far as `role` may see. */
export const encounterListBody = (
  role: Role,
  patientId: string,
  summaries: readonly EncounterSummary[],
  position: number,
): EncounterList => ({
  patientId,
  items: summaries
    .filter((s) => shownTo(role, s.status))
    .sort(oldestFirst)
    .reverse()
    .map(encounterLine),
  position,
});

/** The body of `GET /worklist`: the caller's unsigned encounters, oldest first. */
export const worklistBody = (
  encounters: readonly EncounterDetail[],
  position: number,
): { readonly items: readonly WorklistItem[]; readonly position: number } => ({
  items: [...encounters].sort(oldestFirst).map((d): WorklistItem => ({
    encounterId: d.encounterId,
    patientId: d.patientId,
    dateOfService: d.dateOfService,
    openedAt: d.openedAt,
    origin: d.origin,
    ...(d.reasonForVisit === undefined ? {} : { reasonForVisit: d.reasonForVisit }),
    ...primaryOf(d.diagnoses),
  })),
  position,
});
