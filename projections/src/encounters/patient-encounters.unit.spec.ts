import { expect } from 'chai';
import type { PatientDetail } from '../patient-detail/patient-detail.projection.js';
import { clinicalChartBody, encountersOfPatient } from './clinical-chart.js';
import { encounterListBody } from './encounter-views.js';
import { fold, heartRate, labOrdered, opened, PATIENT, prescribed, signedEncounter, stream } from './encounter.fixtures.js';
import { latestPerKind, patientEncountersProjection, VITALS_PER_KIND, type EncounterSummary } from './patient-encounters.projection.js';

const [A, B, C] = ['0190f5c2-0000-7000-8000-0000000000a1', '0190f5c2-0000-7000-8000-0000000000a2', '0190f5c2-0000-7000-8000-0000000000a3'];

const summary = (encounterId: string, events: Parameters<typeof stream>[1]): EncounterSummary => {
  const doc = fold(patientEncountersProjection, stream(encounterId, events));
  if (!doc) throw new Error('no encounter');
  return doc;
};

/** Charted, prescribed amoxicillin then replaced it with doxycycline, signed and amended. */
const signed = summary(A, signedEncounter(A));
const signedAt = (id: string, when: string, more: Parameters<typeof stream>[1] = []) =>
  summary(id, [opened(id, when), ...more, ['EncounterSigned', signature(id, when)]]);
const signature = (encounterId: string, when: string) => ({
  encounterId,
  patientId: PATIENT,
  signedBy: 'someone',
  signedAt: when,
  dateOfService: when.slice(0, 10),
  contentFormat: 'hcms-encounter/1',
  contentHash: 'h',
  services: [],
  diagnoses: [],
  problems: [],
});

describe("A patient's encounters", () => {
  describe('when an encounter is charted, signed and amended', () => {
    it('lists it with its status, clinician and primary diagnosis', () => {
      expect(encounterListBody('clinician', PATIENT, [signed], 9).items).to.deep.equal([
        {
          encounterId: A,
          dateOfService: '2026-03-02',
          status: 'amended',
          clinicianId: signed.clinicianId,
          primaryDiagnosis: { code: 'J20.9', title: 'Acute bronchitis, unspecified' },
          signedAt: '2026-03-02T09:30:00.000Z',
        },
      ]);
    });

    it('leaves a discontinued (replaced) medication out of the active ones', () => {
      expect(
        encountersOfPatient([signed], '2026-03-02').activeMedications.map((m) => [m.prescriptionId, m.medication, m.replaces]),
      ).to.deep.equal([['rx-2', 'Doxycycline 100 mg tablet', 'rx-1']]);
    });

    it('counts its lab orders as pending and its promoted diagnosis as a problem', () => {
      const chart = encountersOfPatient([signed], '2026-03-02');
      expect(chart.pendingLabOrders.map((o) => [o.labOrderId, o.encounterId])).to.deep.equal([['lab-1', A]]);
      expect(chart.promotedProblems.map((p) => [p.entryId, p.code])).to.deep.equal([['h-1', 'J20.9']]);
    });

    it('follows the primary diagnosis when another is chosen or it is removed', () => {
      const added = (diagnosisId: string, code: string, primary: boolean) =>
        ['DiagnosisAdded', { diagnosisId, code, title: code, edition: '2026', primary, addedAt: '2026-03-02T09:10:00.000Z' }] as const;
      const chosen = summary(B, [
        opened(B, '2026-03-02T09:00:00.000Z'),
        added('d1', 'J20.9', true),
        added('d2', 'R05.9', false),
        ['PrimaryDiagnosisChosen', { diagnosisId: 'd2', chosenAt: '2026-03-02T09:11:00.000Z' }],
        ['DiagnosisRemoved', { diagnosisId: 'd1', removedAt: '2026-03-02T09:12:00.000Z' }],
      ]);
      expect(encounterListBody('clinician', PATIENT, [chosen], 1).items[0]?.primaryDiagnosis).to.deep.equal({
        code: 'R05.9',
        title: 'R05.9',
      });
    });
  });

  describe('when an encounter is entered in error', () => {
    const retracted = summary(B, [
      opened(B, '2026-03-05T09:00:00.000Z'),
      heartRate('v-9', '2026-03-05T09:05:00.000Z', 140),
      prescribed('rx-9', 'Amoxicillin 500 mg capsule'),
      labOrdered('lab-9', B),
      ['EncounterEnteredInError', { reason: 'Wrong patient', at: '2026-03-05T09:40:00.000Z' }],
    ]);

    it('drops its medications, lab orders and vitals from the chart, and lists it as such', () => {
      const chart = encountersOfPatient([signed, retracted], '2026-03-02');
      expect(chart.activeMedications.map((m) => m.prescriptionId)).to.deep.equal(['rx-2']);
      expect(chart.pendingLabOrders.map((o) => o.labOrderId)).to.deep.equal(['lab-1']);
      expect(chart.vitals['heart-rate']?.map((r) => r.value)).to.deep.equal([88]);
      expect(chart.encounters.map((e) => [e.encounterId, e.status])).to.deep.equal([
        [B, 'entered-in-error'],
        [A, 'amended'],
      ]);
    });

    it('is not shown to the patient, nor is a draft', () => {
      const draft = summary(C, [opened(C, '2026-03-06T09:00:00.000Z')]);
      expect(encounterListBody('patient', PATIENT, [draft, retracted, signed], 1).items.map((e) => e.encounterId)).to.deep.equal([A]);
      expect(encounterListBody('clinician', PATIENT, [draft, retracted, signed], 1).items.map((e) => e.encounterId)).to.deep.equal([
        C,
        B,
        A,
      ]);
    });
  });

  describe("the vitals' trend", () => {
    const minute = (m: number) => new Date(Date.UTC(2026, 2, 2, 8, m)).toISOString();
    const readings = (id: string, from: number, count: number) =>
      Array.from({ length: count }, (_, i) => heartRate(`${id}-v${i}`, minute(from + i), 60 + from + i));

    it('keeps the latest readings of each kind, oldest first, across encounters taken in any order', () => {
      // A later encounter records readings taken before those of an earlier one.
      const first = signedAt(A, '2026-03-02T10:00:00.000Z', readings(A, 30, 15));
      const second = signedAt(B, '2026-03-03T10:00:00.000Z', [...readings(B, 15, 15)].reverse());
      const trend = encountersOfPatient([second, first], '2026-03-02').vitals['heart-rate'] ?? [];
      expect(trend).to.have.length(VITALS_PER_KIND);
      expect(trend.map((r) => r.takenAt)).to.deep.equal(Array.from({ length: 20 }, (_, i) => minute(25 + i)));
      expect(trend[0]?.encounterId).to.equal(B);
      expect(trend[19]?.encounterId).to.equal(A);
    });

    it('is bounded within one encounter too', () => {
      expect(signedAt(C, '2026-03-04T10:00:00.000Z', readings(C, 0, 25)).vitals.map((r) => r.value)).to.deep.equal(
        Array.from({ length: 20 }, (_, i) => 65 + i),
      );
    });

    it('counts each kind on its own', () => {
      const reading = (kind: 'heart-rate' | 'body-weight', m: number) => ({
        kind,
        loinc: 'x',
        value: m,
        unit: 'u',
        canonicalValue: m,
        canonicalUnit: 'u',
        takenAt: minute(m),
        vitalsId: `v${m}`,
      });
      const kept = latestPerKind(
        [reading('body-weight', 1), reading('heart-rate', 2), reading('heart-rate', 3), reading('heart-rate', 4)],
        2,
      );
      expect(kept.map((r) => [r.kind, r.value])).to.deep.equal([
        ['body-weight', 1],
        ['heart-rate', 3],
        ['heart-rate', 4],
      ]);
    });
  });

  describe("with the patient's own record", () => {
    const patient = {
      patientId: PATIENT,
      status: 'active',
      allergies: [
        {
          allergyId: 'a-1',
          substance: 'tetracycline',
          reaction: 'rash',
          severity: 'mild',
          status: 'active',
          recordedAt: '2025-01-01T00:00:00Z',
        },
        {
          allergyId: 'a-2',
          substance: 'latex',
          reaction: 'rash',
          severity: 'mild',
          status: 'resolved',
          recordedAt: '2025-01-01T00:00:00Z',
        },
      ],
      medicalHistory: [
        { entryId: 'h-1', condition: 'Acute bronchitis', icd10Code: 'J20.9', status: 'active' },
        { entryId: 'h-2', condition: 'Asthma', icd10Code: 'J45.909', status: 'recurrence' },
        { entryId: 'h-3', condition: 'Fracture', icd10Code: 'S52.501A', status: 'resolved' },
      ],
    } as unknown as PatientDetail;

    it('shows its active problems and allergies beside the encounters, with both read models’ positions', () => {
      const chart = clinicalChartBody(patient, [signed], { 'patient-detail': 4, 'patient-encounters': 5 }, '2026-03-02T09:00:00.000Z');
      expect(chart.problems.map((p) => p.entryId)).to.deep.equal(['h-1', 'h-2']);
      expect(chart.allergies.map((a) => a.allergyId)).to.deep.equal(['a-1']);
      expect(chart.activeMedications).to.have.length(1);
      expect(chart.positions).to.deep.equal({ 'patient-detail': 4, 'patient-encounters': 5 });
    });
  });
});
