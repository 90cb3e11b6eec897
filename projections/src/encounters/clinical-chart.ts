import type { AllergyView, HistoryEntryView, PatientDetail } from '../patient-detail/patient-detail.projection.js';
import type { EncounterStatus, LabOrderView } from './encounter-detail.projection.js';
import { encounterLine, oldestFirst, type EncounterLine } from './encounter-views.js';
import {
  latestPerKind,
  VITALS_PER_KIND,
  type ActiveMedication,
  type EncounterSummary,
  type PromotedProblem,
  type VitalReading,
} from './patient-encounters.projection.js';

/** Which encounter a line of the chart comes from. */
export interface FromEncounter {
  readonly encounterId: string;
  readonly encounterStatus: EncounterStatus;
}

export interface EncountersOfPatient {
  /** Newest first, each with its primary diagnosis. */
  readonly encounters: readonly EncounterLine[];
  /** Prescribed, not discontinued, its course not ended before `onDate`, in an encounter not retracted; the latest started first. */
  readonly activeMedications: readonly (ActiveMedication & FromEncounter)[];
  /** By kind, the latest readings, oldest first. */
  readonly vitals: Readonly<Record<string, readonly (VitalReading & FromEncounter)[]>>;
  readonly pendingLabOrders: readonly (LabOrderView & FromEncounter)[];
  readonly promotedProblems: readonly (PromotedProblem & FromEncounter)[];
}

export interface ClinicalChart extends EncountersOfPatient {
  readonly patientId: string;
  /** The day the chart was read (UTC): which courses are still running. */
  readonly onDate: string;
  /** Patients' medical history entries still active (or recurring). */
  readonly problems: readonly HistoryEntryView[];
  readonly allergies: readonly AllergyView[];
  readonly positions: Readonly<Record<string, number>>;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What a patient's encounters add up to: medications, vitals, pending orders and problems from every one not retracted. */
export const encountersOfPatient = (
  summaries: readonly EncounterSummary[],
  onDate: string,
  vitalsPerKind = VITALS_PER_KIND,
): EncountersOfPatient => {
  const ordered = [...summaries].sort(oldestFirst);
  const counted = ordered.filter((s) => s.status !== 'entered-in-error');
  const of = (s: EncounterSummary): FromEncounter => ({ encounterId: s.encounterId, encounterStatus: s.status });
  const readings = latestPerKind(
    counted.flatMap((s) => s.vitals.map((v) => ({ ...v, ...of(s) }))),
    vitalsPerKind,
  );
  const vitals: Record<string, (VitalReading & FromEncounter)[]> = {};
  for (const reading of readings) (vitals[reading.kind] ??= []).push(reading);
  return {
    encounters: [...ordered].reverse().map(encounterLine),
    activeMedications: counted
      .flatMap((s) => s.medications.map((m) => ({ ...m, ...of(s) })))
      .filter((m) => m.endDate === undefined || m.endDate >= onDate)
      .sort((a, b) => compare(b.startDate, a.startDate) || compare(b.prescribedAt, a.prescribedAt)),
    vitals,
    // Laboratory does not report results yet: every order of an encounter not retracted is pending, oldest first.
    pendingLabOrders: counted
      .flatMap((s) => s.labOrders.map((o) => ({ ...o, ...of(s) })))
      .sort((a, b) => compare(a.orderedAt, b.orderedAt)),
    promotedProblems: counted
      .flatMap((s) => s.problems.map((p) => ({ ...p, ...of(s) })))
      .sort((a, b) => compare(a.promotedAt, b.promotedAt)),
  };
};

/**
 * The body of `GET /patients/:patientId/clinical-chart`: Patients' problem list and active allergies
 * beside what the patient's encounters add up to, with the position each read model had applied.
 */
export const clinicalChartBody = (
  patient: PatientDetail,
  summaries: readonly EncounterSummary[],
  positions: Readonly<Record<string, number>>,
  at: string,
): ClinicalChart => ({
  patientId: patient.patientId,
  onDate: at.slice(0, 10),
  problems: patient.medicalHistory.filter((h) => h.status === 'active' || h.status === 'recurrence'),
  allergies: patient.allergies.filter((a) => a.status === 'active'),
  ...encountersOfPatient(summaries, at.slice(0, 10)),
  positions,
});
