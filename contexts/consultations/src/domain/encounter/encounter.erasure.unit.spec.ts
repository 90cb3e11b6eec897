import { expect } from 'chai';
import { ERASED_TEXT, type LongText } from '@hcms/shared-kernel';
import type { EncounterEvent } from './encounter.events.js';
import { signedContent } from './encounter.content.js';
import {
  at,
  by,
  changeCommands,
  given,
  OTHER_PATIENT,
  order,
  penicillinAllergy,
  prescribe,
  readyToSign,
  recordAfter,
  refusalOf,
  eventsOf,
  text,
  written,
} from './encounter.fixtures.js';

const erase = (patientId?: string) => ({ type: 'EraseDetails' as const, ...by(undefined, patientId) });
const erased: EncounterEvent = { type: 'EncounterDetailsErased', data: { erasedAt: at } };
const overridden = eventsOf(
  readyToSign,
  prescribe(order('rx-erase', 'Amoxicillin 250 mg', { allergies: penicillinAllergy, overrideReason: text('Tolerated it before') })),
);
const history = [...readyToSign, written('plan', 'Review in a week'), ...overridden];

describe('Encounter', () => {
  describe('when its patient is erased', () => {
    it('forgets the details once', () => given(history).when(erase()).then([erased]));
    it('records nothing on a second erasure (a redelivered policy)', () =>
      given([...history, erased])
        .when(erase())
        .then([]));
    it('answers 404 to an erasure naming another patient', () =>
      expect(refusalOf(history, erase(OTHER_PATIENT))).to.include({ code: 'ENCOUNTER_NOT_FOUND' }));

    it('keeps no word its clinicians wrote: the note, the allergy check’s findings and the prescriber’s reason', () => {
      const before = signedContent(recordAfter(history), 1);
      const after = signedContent(recordAfter([...history, erased]), 1);
      for (const words of ['Review in a week', 'Penicillin', 'Tolerated it before']) {
        expect(before).to.include(words);
        expect(after).not.to.include(words);
      }
      expect(recordAfter([...history, erased]).note.plan).to.equal(ERASED_TEXT);
    });

    it('keeps the codes: diagnoses and the medication stay as recorded', () => {
      const record = recordAfter([...history, erased]);
      expect(Object.values(record.diagnoses).map((dx) => dx.code)).to.deep.equal(
        Object.values(recordAfter(history).diagnoses).map((dx) => dx.code),
      );
      expect(record.prescriptions['rx-erase']?.medication).to.equal('Amoxicillin 250 mg');
    });

    for (const [what, command] of changeCommands(() => 'a-digest')) {
      it(`refuses ${what} afterwards with 410 PATIENT_ERASED`, () =>
        expect(refusalOf([...history, erased], command)).to.include({ kind: 'gone', code: 'PATIENT_ERASED' }));
    }
    it('refuses an addendum afterwards with 410 PATIENT_ERASED', () =>
      expect(
        refusalOf([...history, erased], { type: 'AppendAddendum', ...by(), addendumId: 'a-1', text: text<LongText>('Late') }),
      ).to.include({ code: 'PATIENT_ERASED' }));
  });
});
