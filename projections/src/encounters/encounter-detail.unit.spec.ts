import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { StoredEvent } from '@hcms/shared-kernel';
import { encounterDetailProjection, type EncounterDetail } from './encounter-detail.projection.js';
import { encounterBody, worklistBody } from './encounter-views.js';
import { AMENDED_HASH, CLINICIAN, fold, opened, PATIENT, signedEncounter, SIGNED_HASH, stream } from './encounter.fixtures.js';

const ENCOUNTER = '0190f5c2-0000-7000-8000-0000000000e1';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const events = stream(ENCOUNTER, signedEncounter(ENCOUNTER));
const upTo = (type: string): StoredEvent[] => events.slice(0, events.findIndex((e) => e.type === `consultations.${type}`) + 1);
const detail = (es: readonly StoredEvent[], viaStore = false): EncounterDetail => {
  const doc = fold(encounterDetailProjection, es, viaStore);
  if (!doc) throw new Error('no encounter');
  return doc;
};

describe('The encounter detail read model', () => {
  describe('while the encounter is charted', () => {
    const doc = detail(upTo('LabOrdered'));

    it('holds everything recorded, unsigned', () => {
      expect(doc).to.deep.include({ encounterId: ENCOUNTER, patientId: PATIENT, clinicianId: CLINICIAN, status: 'in-progress' });
      expect(doc).to.deep.include({ dateOfService: '2026-03-02', origin: { kind: 'walk-in' }, reasonForVisit: 'Cough for two weeks' });
      expect(doc.note).to.deep.equal({ subjective: 'Dry cough, no fever.', objective: '', assessment: 'Acute bronchitis.', plan: '' });
      expect(doc.vitals.map((v) => v.observations[0]?.value)).to.deep.equal([88]);
      expect(doc.planItems.map((p) => p.description)).to.deep.equal(['Review in one week']);
      expect(doc.labOrders).to.deep.equal([
        {
          labOrderId: 'lab-1',
          tests: [{ code: '58410-2', display: 'CBC panel - Blood by Automated count' }],
          priority: 'routine',
          orderedAt: '2026-03-02T09:25:00.000Z',
        },
      ]);
      expect(doc.versions).to.deep.equal([]);
    });

    it('keeps each diagnosis coded, with which is primary and which went on the problem list', () => {
      expect(doc.diagnoses.map(({ code, edition, primary, promoted }) => ({ code, edition, primary, promoted }))).to.deep.equal([
        { code: 'J20.9', edition: '2026', primary: true, promoted: true },
        { code: 'R05.9', edition: '2026', primary: false, promoted: false },
      ]);
      expect(doc.diagnoses[0]?.promotion).to.deep.equal({
        entryId: 'h-1',
        onsetDate: '2026-03-02',
        promotedAt: '2026-03-02T09:12:00.000Z',
      });
    });

    it('keeps a replaced prescription, discontinued, beside the one replacing it with its allergy check', () => {
      const [first, second] = doc.prescriptions;
      expect(first).to.deep.include({ prescriptionId: 'rx-1', endDate: '2026-03-09' });
      expect(first?.discontinued).to.deep.equal({
        reason: 'Penicillin allergy remembered',
        at: '2026-03-02T09:21:00.000Z',
        replacedBy: 'rx-2',
      });
      expect(second).to.deep.include({ prescriptionId: 'rx-2', replaces: 'rx-1' });
      expect(second?.allergyCheck).to.deep.include({ status: 'overridden', overrideReason: 'Tolerated doxycycline in 2024' });
      expect(second?.discontinued).to.equal(undefined);
    });

    it('ignores what comes before an encounter is opened', () => {
      expect(fold(encounterDetailProjection, events.slice(1))).to.equal(null);
    });
  });

  describe('when signed', () => {
    const doc = detail(upTo('EncounterSigned'));

    it('shows version 1 as signed: its content hashes to the signature’s hash', () => {
      const [v1] = doc.versions;
      expect(doc.status).to.equal('signed');
      expect(v1).to.deep.include({ version: 1, contentFormat: 'hcms-encounter/1', contentHash: SIGNED_HASH, contentVerified: true });
      expect(v1).to.deep.include({ at: '2026-03-02T09:30:00.000Z', by: CLINICIAN });
      expect(sha256(v1?.content ?? '')).to.equal(SIGNED_HASH);
      expect(JSON.parse(v1?.content ?? '{}')).to.deep.include({ version: 1, note: { ...doc.note } });
    });
  });

  describe('when amended after an addendum', () => {
    const before = detail(upTo('EncounterSigned'));
    const doc = detail(events);

    it('keeps version 1 readable byte for byte as signed', () => {
      expect(doc.versions[0]?.content).to.equal(before.versions[0]?.content);
      expect(sha256(doc.versions[0]?.content ?? '')).to.equal(SIGNED_HASH);
      expect(JSON.parse(doc.versions[0]?.content ?? '{}')).to.have.nested.property('note.assessment', 'Acute bronchitis.');
    });

    it('adds version 2 with the amended note, its reason and its own hash', () => {
      const v2 = doc.versions[1];
      expect(doc.status).to.equal('amended');
      expect(doc.note.assessment).to.equal('Acute bronchitis, improving.');
      expect(v2).to.deep.include({
        version: 2,
        contentHash: AMENDED_HASH,
        contentVerified: true,
        reason: 'Assessment refined after the call',
      });
      expect(sha256(v2?.content ?? '')).to.equal(AMENDED_HASH);
      expect(JSON.parse(v2?.content ?? '{}')).to.have.nested.property('note.assessment', 'Acute bronchitis, improving.');
    });

    it('keeps the addendum apart from what was signed', () => {
      expect(doc.addenda.map((a) => a.text)).to.deep.equal(['Patient called: cough easing.']);
      expect(doc.versions.map((v) => v.content).join('')).not.to.include('cough easing');
    });

    it('computes the same contents from a document read back between events with its keys in another order', () => {
      expect(detail(events, true).versions).to.deep.equal(doc.versions);
    });

    it('says so when a version’s content does not hash to what was signed (an erased patient’s words)', () => {
      const erased = events.map((e) =>
        e.type.endsWith('NoteSectionWritten') ? { ...e, data: { ...(e.data as object), text: '[erased]' } } : e,
      );
      expect(detail(erased).versions.map((v) => v.contentVerified)).to.deep.equal([false, false]);
    });

    it('answers without the record its contents are computed from', () => {
      const body = encounterBody(doc, 15, 120);
      expect(body).not.to.have.property('record');
      expect(body).to.deep.include({ version: 15, position: 120, status: 'amended' });
    });
  });

  describe('when entered in error', () => {
    const doc = detail(
      stream('0190f5c2-0000-7000-8000-0000000000e9', [
        opened('0190f5c2-0000-7000-8000-0000000000e9', '2026-03-02T09:00:00.000Z'),
        ['EncounterEnteredInError', { reason: 'Wrong patient', at: '2026-03-02T09:40:00.000Z' }],
      ]),
    );

    it('is kept, marked, with the reason', () => {
      expect(doc.status).to.equal('entered-in-error');
      expect(doc.enteredInError).to.deep.equal({ reason: 'Wrong patient', at: '2026-03-02T09:40:00.000Z' });
    });
  });

  describe('on a worklist', () => {
    it('comes oldest first, by date of service then when opened', () => {
      const at = (id: string, when: string) => detail(stream(id, [opened(id, when)]));
      const ids = ['0190f5c2-0000-7000-8000-0000000000f1', '0190f5c2-0000-7000-8000-0000000000f2', '0190f5c2-0000-7000-8000-0000000000f3'];
      const [a, b, c] = [
        at(ids[0] ?? '', '2026-03-03T08:00:00.000Z'),
        at(ids[1] ?? '', '2026-03-02T15:00:00.000Z'),
        at(ids[2] ?? '', '2026-03-02T09:00:00.000Z'),
      ];
      expect(worklistBody([a, b, c], 7).items.map((i) => i.encounterId)).to.deep.equal([ids[2], ids[1], ids[0]]);
    });
  });
});
