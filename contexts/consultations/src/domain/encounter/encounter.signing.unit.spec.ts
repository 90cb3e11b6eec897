import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { LongText, NonEmptyText } from '@hcms/shared-kernel';
import type { AmendEncounter } from './encounter.commands.js';
import { signedContent } from './encounter.content.js';
import type { EncounterEvent, EventOf } from './encounter.events.js';
import {
  APPOINTMENT,
  by,
  changeCommands,
  CLINICIAN,
  diagnosed,
  ENCOUNTER,
  eventsOf,
  given,
  openedFromAppointment,
  OTHER_CLINICIAN,
  PATIENT,
  promoted,
  readyToSign,
  recordAfter,
  refusalOf,
  SERVICE_DATE,
  sign,
  text,
  TITLES,
} from './encounter.fixtures.js';

const sha256 = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');

const signedBy = (history: readonly EncounterEvent[]): EventOf<'EncounterSigned'> => {
  const [event] = eventsOf(history, sign(sha256));
  if (event?.type !== 'EncounterSigned') throw new Error(`expected EncounterSigned, got ${event?.type}`);
  return event;
};
const signing = signedBy(readyToSign);
const signedHistory: readonly EncounterEvent[] = [...readyToSign, signing];

const amend = (sections: AmendEncounter['sections'], actorId = CLINICIAN, amendmentId = 'amendment-1'): AmendEncounter => ({
  type: 'AmendEncounter',
  ...by(actorId),
  amendmentId,
  reason: text('Assessment corrected after lab result'),
  sections,
  digest: sha256,
});
const corrected = { assessment: text<LongText>('Bacterial pharyngitis.') };

describe('Encounter', () => {
  describe('when signed', () => {
    it('records the CPT services, the diagnoses with their primary flag, and the hash of the signed content', () => {
      const data: Omit<EventOf<'EncounterSigned'>['data'], 'contentHash'> = {
        encounterId: ENCOUNTER,
        patientId: PATIENT,
        signedBy: CLINICIAN,
        signedAt: by().at,
        dateOfService: SERVICE_DATE,
        contentFormat: 'hcms-encounter/1',
        services: [
          { system: 'CPT', code: '99213', kind: 'evaluation-and-management' },
          { system: 'CPT', code: '93000', kind: 'procedure' },
        ],
        diagnoses: [
          { code: 'J06.9', primary: true },
          { code: 'I10', primary: false },
        ],
        problems: [],
      };
      const content = signedContent(recordAfter([...readyToSign, { type: 'EncounterSigned', data: { ...data, contentHash: '' } }]), 1);
      given(readyToSign)
        .when(sign(sha256))
        .then([{ type: 'EncounterSigned', data: { ...data, contentHash: sha256(content) } }]);
    });
    it('refuses an encounter whose note is empty with 422 NOTE_EMPTY', () =>
      expect(refusalOf([openedFromAppointment, diagnosed('dx-1', 'J06.9', true)], sign(sha256))).to.include({
        kind: 'invariant',
        code: 'NOTE_EMPTY',
      }));
    it('carries the diagnoses put on the problem list, for Patients: a draft’s never reach it', () => {
      const [event] = eventsOf([...readyToSign, promoted('dx-uri', 'J06.9')], sign(sha256));
      expect(event?.type === 'EncounterSigned' && event.data.problems).to.deep.equal([
        { entryId: 'entry-of-dx-uri', code: 'J06.9', title: TITLES['J06.9'], onsetDate: SERVICE_DATE },
      ]);
    });
    it('hashes the content the signed state holds as version 1', () =>
      expect(signing.data.contentHash).to.equal(sha256(signedContent(recordAfter(signedHistory), 1))));
    it('covers the note, vitals, diagnoses, prescriptions, plan, lab orders and services in what it hashes', () => {
      const content = JSON.parse(signedContent(recordAfter(signedHistory), 1)) as Record<string, unknown>;
      expect(content).to.include.keys('note', 'vitals', 'diagnoses', 'prescriptions', 'planItems', 'labOrders', 'services');
      expect(content).to.include({ format: 'hcms-encounter/1', version: 1, clinicianId: CLINICIAN });
    });
    it('bills a procedure listed twice once', () =>
      expect(eventsOf(readyToSign, sign(sha256, CLINICIAN, ['93000', '36415', '93000']))[0]?.data)
        .to.have.property('services')
        .that.deep.equals([
          { system: 'CPT', code: '99213', kind: 'evaluation-and-management' },
          { system: 'CPT', code: '93000', kind: 'procedure' },
          { system: 'CPT', code: '36415', kind: 'procedure' },
        ]));
    it('names the appointment it came from, for Appointments to complete it', () =>
      expect(signedBy([openedFromAppointment, ...readyToSign.slice(1)]).data.appointmentId).to.equal(APPOINTMENT));
    it('names no appointment for a walk-in', () => expect(signing.data).to.not.have.property('appointmentId'));
    it('refuses another clinician with 403 NOT_ENCOUNTER_CLINICIAN', () =>
      expect(refusalOf(readyToSign, sign(sha256, OTHER_CLINICIAN))).to.deep.include({
        kind: 'forbidden',
        code: 'NOT_ENCOUNTER_CLINICIAN',
        details: { clinicianId: CLINICIAN },
      }));

    // A medication outlives its visit: stopping it is not changing what was signed.
    const changes = changeCommands(sha256).filter(([, command]) => command.type !== 'DiscontinuePrescription');
    for (const [what, command] of changes) {
      it(`refuses ${what} with 409 ENCOUNTER_SIGNED`, () =>
        expect(refusalOf(signedHistory, command)).to.include({ kind: 'conflict', code: 'ENCOUNTER_SIGNED' }));
    }
    it('still stops a prescription, and what was signed stays as signed', () => {
      const stop = changeCommands(sha256).find(([, command]) => command.type === 'DiscontinuePrescription')?.[1];
      if (!stop) throw new Error('no discontinuation among the change commands');
      const events = eventsOf(signedHistory, stop);
      expect(events.map((e) => e.type)).to.deep.equal(['PrescriptionDiscontinued']);
      expect(signing.data.contentHash).to.equal(sha256(signedContent(recordAfter(signedHistory), 1)));
    });
  });

  describe('when an addendum is appended', () => {
    const addendum = {
      type: 'AppendAddendum',
      ...by(OTHER_CLINICIAN),
      addendumId: 'addendum-1',
      text: text<LongText>('CRP 4 mg/L.'),
    } as const;
    const appended: EncounterEvent = {
      type: 'AddendumAppended',
      data: { addendumId: 'addendum-1', text: text<LongText>('CRP 4 mg/L.'), authorId: OTHER_CLINICIAN, appendedAt: by().at },
    };
    it('appends it after signing, by any clinician', () => given(signedHistory).when(addendum).then([appended]));
    it('leaves the signed content byte for byte as it was', () => {
      const before = signedContent(recordAfter(signedHistory), 1);
      const after = signedContent(recordAfter([...signedHistory, appended]), 1);
      expect(after).to.equal(before);
      expect(sha256(after)).to.equal(signing.data.contentHash);
    });
    it('refuses an addendum before signing with 409 ENCOUNTER_NOT_SIGNED', () =>
      expect(refusalOf(readyToSign, addendum)).to.include({ kind: 'conflict', code: 'ENCOUNTER_NOT_SIGNED' }));
  });

  describe('when amended', () => {
    const amendment = () => {
      const [event] = eventsOf(signedHistory, amend(corrected));
      if (event?.type !== 'EncounterAmended') throw new Error(`expected EncounterAmended, got ${event?.type}`);
      return event;
    };
    const amendedHistory = () => [...signedHistory, amendment()];

    it('records the changed sections as version 2, with the hash of the amended content', () => {
      const amendedContent = signedContent(recordAfter(amendedHistory()), 2);
      given(signedHistory)
        .when(amend({ ...corrected, subjective: text<LongText>('Sore throat for three days, no fever.') }))
        .then([
          {
            type: 'EncounterAmended',
            data: {
              amendmentId: 'amendment-1',
              version: 2,
              reason: 'Assessment corrected after lab result' as NonEmptyText,
              sections: corrected,
              amendedBy: CLINICIAN,
              amendedAt: by().at,
              contentHash: sha256(amendedContent),
            },
          },
        ]);
      expect(JSON.parse(amendedContent)).to.deep.include({ version: 2, note: { ...recordAfter(signedHistory).note, ...corrected } });
    });
    it('becomes amended, at version 2', () => expect(recordAfter(amendedHistory())).to.include({ status: 'amended', version: 2 }));
    it('keeps version 1 readable as signed: rebuilt from the history up to EncounterSigned, it hashes as it did', () => {
      const history = amendedHistory();
      const upToSignature = history.slice(0, history.findIndex((e) => e.type === 'EncounterSigned') + 1);
      const version1 = signedContent(recordAfter(upToSignature), 1);
      expect(sha256(version1)).to.equal(signing.data.contentHash);
      expect(version1).to.equal(signedContent(recordAfter(signedHistory), 1));
      expect(signedContent(recordAfter(history), 2)).to.not.equal(version1);
    });
    it('numbers a second amendment version 3', () =>
      expect(
        eventsOf(amendedHistory(), amend({ plan: text<LongText>('Penicillin V for ten days.') }, CLINICIAN, 'amendment-2'))[0]?.data,
      ).to.include({
        version: 3,
      }));
    it('still refuses changes with 409 ENCOUNTER_SIGNED once amended', () =>
      expect(refusalOf(amendedHistory(), changeCommands(sha256)[0]![1])).to.include({ code: 'ENCOUNTER_SIGNED' }));
    it('refuses an amendment that changes nothing with 422 NOTHING_TO_AMEND', () =>
      expect(refusalOf(signedHistory, amend({ assessment: text<LongText>('Viral upper respiratory infection.') }))).to.include({
        kind: 'invariant',
        code: 'NOTHING_TO_AMEND',
      }));
    it('refuses an amendment with no section with 422 NOTHING_TO_AMEND', () =>
      given(signedHistory).when(amend({})).thenFails('NOTHING_TO_AMEND'));
    it('refuses another clinician with 403 NOT_ENCOUNTER_CLINICIAN', () =>
      expect(refusalOf(signedHistory, amend(corrected, OTHER_CLINICIAN))).to.include({
        kind: 'forbidden',
        code: 'NOT_ENCOUNTER_CLINICIAN',
      }));
    it('refuses an amendment before signing with 409 ENCOUNTER_NOT_SIGNED', () =>
      given(readyToSign).when(amend(corrected)).thenFails('ENCOUNTER_NOT_SIGNED'));
  });
});
