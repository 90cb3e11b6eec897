import type { LabOrderDoc, LabOrderStatus } from '../lab/lab-order.doc.js';
import { latestLabResults, type LatestLabResult } from '../lab/lab-results.js';
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

/** One of Laboratory's orders for an encounter's order: one per specimen type the tests need. */
export interface LaboratoryOrderStatus {
  readonly labOrderId: string;
  readonly specimenType: LabOrderDoc['specimenType'];
  readonly status: LabOrderStatus;
  readonly accessionNumber?: string;
}

/** An encounter's lab order, with the status of each of Laboratory's orders for it once Laboratory has one. */
export type PendingLabOrder = LabOrderView &
  FromEncounter & {
    /** By specimen type. */
    readonly laboratory?: readonly LaboratoryOrderStatus[];
  };

export interface ClinicalChart extends Omit<EncountersOfPatient, 'pendingLabOrders'> {
  readonly patientId: string;
  /** Not yet verified nor cancelled by Laboratory, every part of it (or not known to it yet), oldest first. */
  readonly pendingLabOrders: readonly PendingLabOrder[];
  /** Each LOINC code's latest verified result, with its flag (absent from charts shown before Laboratory was consulted). */
  readonly labResults?: readonly LatestLabResult[];
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
    // Every order of an encounter not retracted, oldest first: what Laboratory made of each is added to the chart.
    pendingLabOrders: counted
      .flatMap((s) => s.labOrders.map((o) => ({ ...o, ...of(s) })))
      .sort((a, b) => compare(a.orderedAt, b.orderedAt)),
    promotedProblems: counted
      .flatMap((s) => s.problems.map((p) => ({ ...p, ...of(s) })))
      .sort((a, b) => compare(a.promotedAt, b.promotedAt)),
  };
};

/**
 * Laboratory's orders placed from an encounter's order (each names it; tests of two specimen types
 * are two orders), and one it took over under the same id.
 */
const laboratoryOrdersOf = (orders: readonly LabOrderDoc[], o: LabOrderView & FromEncounter): LabOrderDoc[] =>
  orders.filter(
    (d) =>
      d.labOrderId === o.labOrderId ||
      (d.source.kind === 'encounter' && d.source.encounterId === o.encounterId && d.source.placerOrderId === o.labOrderId),
  );

const FINISHED: readonly LabOrderStatus[] = ['final', 'corrected', 'cancelled'];

const statusOf = ({ labOrderId, specimenType, status, accessionNumber }: LabOrderDoc): LaboratoryOrderStatus => ({
  labOrderId,
  specimenType,
  status,
  ...(accessionNumber === undefined ? {} : { accessionNumber }),
});

/**
 * Encounters' orders with the status of each of Laboratory's orders for them. One stays pending
 * while any of those is still open; once Laboratory has verified (their results are in the chart)
 * or cancelled every one, it is no longer pending.
 */
export const withLaboratory = (pending: readonly (LabOrderView & FromEncounter)[], labOrders: readonly LabOrderDoc[]): PendingLabOrder[] =>
  pending.flatMap((o) => {
    const labs = laboratoryOrdersOf(labOrders, o);
    if (labs.length === 0) return [o];
    if (labs.every((d) => FINISHED.includes(d.status))) return [];
    return [
      {
        ...o,
        laboratory: labs.sort((a, b) => compare(a.specimenType, b.specimenType) || compare(a.labOrderId, b.labOrderId)).map(statusOf),
      },
    ];
  });

/**
 * The body of `GET /patients/:patientId/clinical-chart`: Patients' problem list and active allergies
 * beside what the patient's encounters add up to and Laboratory's verified results, with the
 * position each read model had applied. Without `labOrders`, the chart as it was shown before
 * Laboratory was consulted: audit entries of that time are reproduced as they were answered.
 */
export const clinicalChartBody = (
  patient: PatientDetail,
  summaries: readonly EncounterSummary[],
  positions: Readonly<Record<string, number>>,
  at: string,
  labOrders?: readonly LabOrderDoc[],
): ClinicalChart => {
  const encounters = encountersOfPatient(summaries, at.slice(0, 10));
  return {
    patientId: patient.patientId,
    onDate: at.slice(0, 10),
    problems: patient.medicalHistory.filter((h) => h.status === 'active' || h.status === 'recurrence'),
    allergies: patient.allergies.filter((a) => a.status === 'active'),
    ...encounters,
    ...(labOrders === undefined
      ? {}
      : { pendingLabOrders: withLaboratory(encounters.pendingLabOrders, labOrders), labResults: latestLabResults(labOrders) }),
    positions,
  };
};
