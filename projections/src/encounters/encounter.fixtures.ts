import { wireType, type StoredEvent } from '@hcms/shared-kernel';
import { encounterEvents, encounterStream, type EncounterEventType } from '@hcms/consultations/contract';
import type { Projection } from '../runner/projection.js';

/** Test data: Consultations events as the log stores them. */
export const PATIENT = '0190f5c2-0000-7000-8000-00000000000a';
export const OTHER_PATIENT = '0190f5c2-0000-7000-8000-00000000000b';
export const CLINICIAN = '0190f5c2-0000-7000-8000-0000000000c1';
export const OTHER_CLINICIAN = '0190f5c2-0000-7000-8000-0000000000c2';

let position = 0;

/** One encounter's stream: `[type, data]` pairs, numbered from version 1, each about `patientId`. */
export const stream = (
  encounterId: string,
  events: readonly (readonly [EncounterEventType, object])[],
  patientId = PATIENT,
): StoredEvent[] =>
  events.map(([type, data], i) => ({
    id: `${encounterId}-${i + 1}`,
    type: wireType(encounterEvents, type),
    streamId: encounterStream(encounterId),
    version: i + 1,
    position: ++position,
    recordedAt: '2026-03-02T12:00:00.000Z',
    data,
    metadata: { actor: { id: CLINICIAN, role: 'clinician' }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId },
  }));

/** JSON as a store that does not keep the order of keys hands it back (PostgreSQL's jsonb sorts them): here, reversed. */
const keysReordered = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(keysReordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, keysReordered(v)]),
  );
};

/**
 * A projection's document after `events`, as its runner folds them; with `viaStore`, read back
 * between events as JSON whose keys came back in another order.
 */
export const fold = <Doc>(projection: Projection<Doc>, events: readonly StoredEvent[], viaStore = false): Doc | null =>
  events.reduce<Doc | null>((doc, e) => {
    const next = projection.evolve(doc, e);
    return viaStore && next !== null ? (keysReordered(JSON.parse(JSON.stringify(next))) as Doc) : next;
  }, null);

export const opened = (encounterId: string, at: string, clinicianId = CLINICIAN, patientId = PATIENT) =>
  [
    'EncounterOpened',
    {
      encounterId,
      patientId,
      clinicianId,
      dateOfService: at.slice(0, 10),
      origin: { kind: 'walk-in' },
      openedAt: at,
      reasonForVisit: 'Cough for two weeks',
    },
  ] as const;

export const heartRate = (vitalsId: string, takenAt: string, value: number) =>
  [
    'VitalsRecorded',
    {
      vitalsId,
      takenAt,
      observations: [{ kind: 'heart-rate', loinc: '8867-4', value, unit: '/min', canonicalValue: value, canonicalUnit: '/min' }],
      recordedAt: takenAt,
    },
  ] as const;

export const dosage = {
  dose: { value: 500, unit: 'mg' },
  route: 'oral',
  frequency: 'three-times-daily',
  duration: { value: 7, unit: 'd' },
};

export const prescribed = (prescriptionId: string, medication: string, extra: object = {}) =>
  [
    'MedicationPrescribed',
    {
      prescriptionId,
      medication,
      dosage,
      startDate: '2026-03-02',
      allergyCheck: { status: 'clear' },
      prescribedAt: '2026-03-02T09:20:00.000Z',
      ...extra,
    },
  ] as const;

export const labOrdered = (labOrderId: string, encounterId: string, patientId = PATIENT) =>
  [
    'LabOrdered',
    {
      labOrderId,
      encounterId,
      patientId,
      clinicianId: CLINICIAN,
      tests: [{ code: '58410-2', display: 'CBC panel - Blood by Automated count' }],
      priority: 'routine',
      orderedAt: '2026-03-02T09:25:00.000Z',
    },
  ] as const;

/**
 * What Consultations' own decider put in these events (SignEncounter, then AmendEncounter, on the
 * state these events fold to, with SHA-256): each version's signed content, hashed when it was signed.
 */
export const SIGNED_HASH = '646ef7af415011eabbf5f7b6acbe61e47b29618db754d9990b64e257ed674282';
export const AMENDED_HASH = 'cf56bd1ccdc67d60bd7e2644d114c95ef0b5abf2210999aacbf27f41ec8fffa0';

/** An encounter charted, signed, given an addendum and amended: everything the detail shows. */
export const signedEncounter = (encounterId: string) => {
  const charted = [
    opened(encounterId, '2026-03-02T09:00:00.000Z'),
    ['NoteSectionWritten', { section: 'subjective', text: 'Dry cough, no fever.', writtenAt: '2026-03-02T09:02:00.000Z' }],
    ['NoteSectionWritten', { section: 'assessment', text: 'Acute bronchitis.', writtenAt: '2026-03-02T09:03:00.000Z' }],
    heartRate('v-1', '2026-03-02T09:05:00.000Z', 88),
    [
      'DiagnosisAdded',
      {
        diagnosisId: 'dx-1',
        code: 'J20.9',
        title: 'Acute bronchitis, unspecified',
        edition: '2026',
        primary: true,
        addedAt: '2026-03-02T09:10:00.000Z',
      },
    ],
    [
      'DiagnosisAdded',
      {
        diagnosisId: 'dx-2',
        code: 'R05.9',
        title: 'Cough, unspecified',
        edition: '2026',
        primary: false,
        addedAt: '2026-03-02T09:11:00.000Z',
      },
    ],
    [
      'DiagnosisPromoted',
      {
        diagnosisId: 'dx-1',
        entryId: 'h-1',
        code: 'J20.9',
        title: 'Acute bronchitis, unspecified',
        onsetDate: '2026-03-02',
        promotedAt: '2026-03-02T09:12:00.000Z',
      },
    ],
    prescribed('rx-1', 'Amoxicillin 500 mg capsule', { endDate: '2026-03-09' }),
    [
      'PrescriptionDiscontinued',
      { prescriptionId: 'rx-1', reason: 'Penicillin allergy remembered', discontinuedAt: '2026-03-02T09:21:00.000Z', replacedBy: 'rx-2' },
    ],
    prescribed('rx-2', 'Doxycycline 100 mg tablet', {
      replaces: 'rx-1',
      allergyCheck: {
        status: 'overridden',
        conflicts: [{ allergyId: 'a-1', substance: 'tetracycline', matchedBy: 'drug-class', drugClass: 'tetracyclines' }],
        overrideReason: 'Tolerated doxycycline in 2024',
      },
    }),
    ['PlanItemAdded', { itemId: 'p-1', description: 'Review in one week', dueDate: '2026-03-09', addedAt: '2026-03-02T09:26:00.000Z' }],
    labOrdered('lab-1', encounterId),
  ] as const;

  const signed = [
    'EncounterSigned',
    {
      encounterId: encounterId,
      patientId: PATIENT,
      signedBy: CLINICIAN,
      signedAt: '2026-03-02T09:30:00.000Z',
      dateOfService: '2026-03-02',
      contentFormat: 'hcms-encounter/1',
      contentHash: SIGNED_HASH,
      services: [{ system: 'CPT', code: '99213', kind: 'evaluation-and-management' }],
      diagnoses: [
        { code: 'J20.9', primary: true },
        { code: 'R05.9', primary: false },
      ],
      problems: [{ entryId: 'h-1', code: 'J20.9', title: 'Acute bronchitis, unspecified', onsetDate: '2026-03-02' }],
    },
  ] as const;
  const addendum = [
    'AddendumAppended',
    { addendumId: 'ad-1', text: 'Patient called: cough easing.', authorId: CLINICIAN, appendedAt: '2026-03-03T10:00:00.000Z' },
  ] as const;
  const amended = [
    'EncounterAmended',
    {
      amendmentId: 'am-1',
      version: 2,
      reason: 'Assessment refined after the call',
      sections: { assessment: 'Acute bronchitis, improving.' },
      amendedBy: CLINICIAN,
      amendedAt: '2026-03-03T10:05:00.000Z',
      contentHash: AMENDED_HASH,
    },
  ] as const;
  return [...charted, signed, addendum, amended];
};
