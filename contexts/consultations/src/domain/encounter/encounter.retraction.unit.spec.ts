import { expect } from 'chai';
import type { LongText } from '@hcms/shared-kernel';
import type { EncounterCommand, MarkEnteredInError } from './encounter.commands.js';
import type { EncounterEvent } from './encounter.events.js';
import {
  ADMIN,
  by,
  changeCommands,
  CLINICIAN,
  given,
  OTHER_CLINICIAN,
  OTHER_PATIENT,
  PATIENT,
  SERVICE_DATE,
  ENCOUNTER,
  readyToSign,
  refusalOf,
  text,
} from './encounter.fixtures.js';

const digest = () => 'a-digest';
const retract = (actorId = CLINICIAN, actorIsAdmin = false, patientId?: string): MarkEnteredInError => ({
  type: 'MarkEnteredInError',
  ...by(actorId, patientId),
  reason: text('Recorded on the wrong patient'),
  actorIsAdmin,
});
const enteredInError: EncounterEvent = {
  type: 'EncounterEnteredInError',
  data: { reason: text('Recorded on the wrong patient'), at: by().at },
};
const signed: EncounterEvent = {
  type: 'EncounterSigned',
  data: {
    encounterId: ENCOUNTER,
    patientId: PATIENT,
    signedBy: CLINICIAN,
    signedAt: by().at,
    dateOfService: SERVICE_DATE,
    contentFormat: 'hcms-encounter/1',
    contentHash: digest(),
    services: [{ system: 'CPT', code: '99213', kind: 'evaluation-and-management' }],
    diagnoses: [{ code: 'J06.9', primary: true }],
    problems: [],
  },
};
const retracted = [...readyToSign, enteredInError];
const afterSigning: readonly (readonly [string, EncounterCommand])[] = [
  ['an addendum', { type: 'AppendAddendum', ...by(), addendumId: 'addendum-1', text: text<LongText>('Late entry') }],
  [
    'an amendment',
    {
      type: 'AmendEncounter',
      ...by(),
      amendmentId: 'amendment-1',
      reason: text('Typo'),
      sections: { plan: text<LongText>('Fluids') },
      digest,
    },
  ],
  ['retracting it again', retract()],
];

describe('Encounter', () => {
  describe('when entered in error', () => {
    it('is retracted by its clinician', () => given(readyToSign).when(retract()).then([enteredInError]));
    it('is retracted by an administrator, even once signed', () =>
      given([...readyToSign, signed])
        .when(retract(ADMIN, true))
        .then([enteredInError]));
    it('refuses another clinician with 403 NOT_ENCOUNTER_CLINICIAN', () =>
      expect(refusalOf([...readyToSign, signed], retract(OTHER_CLINICIAN))).to.include({
        kind: 'forbidden',
        code: 'NOT_ENCOUNTER_CLINICIAN',
      }));
    it('answers 404 ENCOUNTER_NOT_FOUND to a retraction naming another patient', () =>
      expect(refusalOf(readyToSign, retract(ADMIN, true, OTHER_PATIENT))).to.include({ kind: 'not-found', code: 'ENCOUNTER_NOT_FOUND' }));

    for (const [what, command] of [...changeCommands(digest), ...afterSigning]) {
      it(`refuses ${what} afterwards with 409 ENCOUNTER_ENTERED_IN_ERROR`, () =>
        expect(refusalOf(retracted, command)).to.include({ kind: 'conflict', code: 'ENCOUNTER_ENTERED_IN_ERROR' }));
    }
    it('refuses an addendum to a signed encounter retracted since with 409 ENCOUNTER_ENTERED_IN_ERROR', () =>
      given([...readyToSign, signed, enteredInError])
        .when(afterSigning[0]![1])
        .thenFails('ENCOUNTER_ENTERED_IN_ERROR'));
  });
});
