import { expect } from 'chai';
import type { AddDiagnosis } from './encounter.commands.js';
import type { EncounterEvent } from './encounter.events.js';
import { by, codes, date, diagnosed, given, opened, openedOn, promoted, recordAfter, refusalOf, sign } from './encounter.fixtures.js';

const add = (diagnosisId: string, code: string, primary?: boolean): AddDiagnosis => ({
  type: 'AddDiagnosis',
  ...by(),
  diagnosisId,
  code,
  codes,
  ...(primary === undefined ? {} : { primary }),
});
const addedEvent = (diagnosisId: string, code: string, title: string, edition: string, primary: boolean): EncounterEvent => ({
  type: 'DiagnosisAdded',
  data: { diagnosisId, code, title, edition, primary, addedAt: by().at },
});
const unusedDigest = () => 'never computed: the signature is refused';
const primaryOf = (history: readonly EncounterEvent[]) =>
  Object.entries(recordAfter(history).diagnoses)
    .filter(([, dx]) => dx.primary)
    .map(([id]) => id);

describe('Encounter', () => {
  describe('when a diagnosis is added', () => {
    describe('on the ICD-10-CM edition boundary', () => {
      const contusion = 'Contusion of abdominal wall, initial encounter';
      it('accepts S30.1XXA, billable in FY2025, on a date of service of 2025-09-30', () =>
        given([openedOn(date('2025-09-30'))])
          .when(add('dx-1', 'S30.1XXA'))
          .then([addedEvent('dx-1', 'S30.1XXA', contusion, 'FY2025', true)]));
      it('refuses S30.1XXA with 422 ICD10CM_NOT_IN_EDITION on 2025-10-01, when FY2026 no longer has it', () =>
        expect(refusalOf([openedOn(date('2025-10-01'))], add('dx-1', 'S30.1XXA'))).to.deep.include({
          kind: 'invariant',
          code: 'ICD10CM_NOT_IN_EDITION',
          details: {
            edition: 'FY2026',
            effectiveFrom: '2025-10-01',
            foundIn: [{ edition: 'FY2025', effectiveFrom: '2024-10-01', supersededOn: '2025-10-01', billable: true }],
            examples: ['S30.11XA', 'S30.12XA'],
          },
        }));
      it('accepts the code that replaces it in FY2026', () =>
        given([openedOn(date('2025-10-01'))])
          .when(add('dx-1', 'S30.11XA'))
          .then([addedEvent('dx-1', 'S30.11XA', contusion, 'FY2026', true)]));
    });

    describe('with a code that is not billable', () => {
      it('refuses a header that needs a 7th character with 422 ICD10CM_SEVENTH_CHARACTER_REQUIRED', () =>
        expect(refusalOf([opened], add('dx-1', 'S52.521'))).to.deep.include({
          code: 'ICD10CM_SEVENTH_CHARACTER_REQUIRED',
          problems: [
            {
              path: 'body.code',
              rule: 'must be a billable ICD-10-CM code of FY2026, the edition in force on 2026-03-01: this code needs a 7th character (A, D, S), e.g. S52.521A, S52.521D, S52.521S',
            },
          ],
        }));
      it('accepts the code with its 7th character, written in any case and without the dot', () =>
        given([opened])
          .when(add('dx-1', 's52521a'))
          .then([
            addedEvent(
              'dx-1',
              'S52.521A',
              'Torus fracture of lower end of right radius, initial encounter for closed fracture',
              'FY2026',
              true,
            ),
          ]));
      it('refuses a header with 422 ICD10CM_NOT_BILLABLE', () =>
        given([opened]).when(add('dx-1', 'E11')).thenFails('ICD10CM_NOT_BILLABLE'));
      it('refuses a code no edition knows with 422 ICD10CM_UNKNOWN_CODE', () =>
        given([opened]).when(add('dx-1', 'Z99.89')).thenFails('ICD10CM_UNKNOWN_CODE'));
    });

    describe('as primary or secondary', () => {
      it('makes the first diagnosis primary by default', () =>
        given([opened])
          .when(add('dx-1', 'J06.9'))
          .then([diagnosed('dx-1', 'J06.9', true)]));
      it('makes a later diagnosis secondary by default', () =>
        given([opened, diagnosed('dx-1', 'J06.9', true)])
          .when(add('dx-2', 'I10'))
          .then([diagnosed('dx-2', 'I10', false)]));
      it('adds a first diagnosis as secondary when asked', () =>
        given([opened])
          .when(add('dx-1', 'I10', false))
          .then([diagnosed('dx-1', 'I10', false)]));
      it('refuses a second primary with 409 PRIMARY_DIAGNOSIS_EXISTS, naming the primary', () =>
        expect(refusalOf([opened, diagnosed('dx-1', 'J06.9', true)], add('dx-2', 'I10', true))).to.deep.include({
          kind: 'conflict',
          code: 'PRIMARY_DIAGNOSIS_EXISTS',
          details: { primaryDiagnosisId: 'dx-1' },
        }));
      it('refuses the same code twice with 409 DIAGNOSIS_ALREADY_RECORDED, however it is written', () =>
        expect(refusalOf([opened, diagnosed('dx-1', 'E11.9', true)], add('dx-2', 'e119'))).to.deep.include({
          kind: 'conflict',
          code: 'DIAGNOSIS_ALREADY_RECORDED',
          details: { code: 'E11.9' },
        }));
    });
  });

  describe('when the primary diagnosis is chosen', () => {
    const twoDiagnoses = [opened, diagnosed('dx-1', 'J06.9', true), diagnosed('dx-2', 'I10', false)];
    const choose = (diagnosisId: string) => ({ type: 'ChoosePrimaryDiagnosis', ...by(), diagnosisId }) as const;
    const chosen: EncounterEvent = { type: 'PrimaryDiagnosisChosen', data: { diagnosisId: 'dx-2', chosenAt: by().at } };

    it('moves the primary to the chosen diagnosis', () => given(twoDiagnoses).when(choose('dx-2')).then([chosen]));
    it('leaves exactly one primary: the chosen one', () => expect(primaryOf([...twoDiagnoses, chosen])).to.deep.equal(['dx-2']));
    it('records nothing when it is primary already', () => given(twoDiagnoses).when(choose('dx-1')).then([]));
    it('refuses an unknown diagnosis with 404 DIAGNOSIS_NOT_FOUND', () =>
      expect(refusalOf(twoDiagnoses, choose('dx-9'))).to.include({ kind: 'not-found', code: 'DIAGNOSIS_NOT_FOUND' }));
  });

  describe('when signed without a primary diagnosis', () => {
    it('refuses with 422 PRIMARY_DIAGNOSIS_REQUIRED when every diagnosis is secondary', () =>
      expect(refusalOf([opened, diagnosed('dx-1', 'I10', false)], sign(unusedDigest))).to.deep.include({
        kind: 'invariant',
        code: 'PRIMARY_DIAGNOSIS_REQUIRED',
        details: { diagnoses: 1 },
      }));
    it('refuses with 422 PRIMARY_DIAGNOSIS_REQUIRED when there is no diagnosis', () =>
      given([opened]).when(sign(unusedDigest)).thenFails('PRIMARY_DIAGNOSIS_REQUIRED'));
    it('refuses when the primary was removed', () =>
      given([
        opened,
        diagnosed('dx-1', 'J06.9', true),
        diagnosed('dx-2', 'I10', false),
        { type: 'DiagnosisRemoved', data: { diagnosisId: 'dx-1', removedAt: by().at } },
      ])
        .when(sign(unusedDigest))
        .thenFails('PRIMARY_DIAGNOSIS_REQUIRED'));
  });

  describe('when a diagnosis is removed', () => {
    const remove = { type: 'RemoveDiagnosis', ...by(), diagnosisId: 'dx-1' } as const;
    it('removes it', () =>
      given([opened, diagnosed('dx-1', 'J06.9', true)])
        .when(remove)
        .then([{ type: 'DiagnosisRemoved', data: { diagnosisId: 'dx-1', removedAt: by().at } }]));
    it('refuses one on the problem list with 409 DIAGNOSIS_PROMOTED', () =>
      expect(refusalOf([opened, diagnosed('dx-1', 'J06.9', true), promoted('dx-1', 'J06.9')], remove)).to.include({
        kind: 'conflict',
        code: 'DIAGNOSIS_PROMOTED',
      }));
    it('refuses an unknown diagnosis with 404 DIAGNOSIS_NOT_FOUND', () => given([opened]).when(remove).thenFails('DIAGNOSIS_NOT_FOUND'));
  });

  describe('when a diagnosis is promoted to the problem list', () => {
    const promote = { type: 'PromoteDiagnosis', ...by(), diagnosisId: 'dx-1', entryId: 'entry-of-dx-1' } as const;
    it('emits DiagnosisPromoted with the date of service as onset, not the day it is promoted', () =>
      given([openedOn(date('2026-02-26')), diagnosed('dx-1', 'E11.9', true)])
        .when(promote)
        .then([
          {
            type: 'DiagnosisPromoted',
            data: {
              diagnosisId: 'dx-1',
              entryId: 'entry-of-dx-1',
              code: 'E11.9',
              title: 'Type 2 diabetes mellitus without complications',
              onsetDate: date('2026-02-26'),
              promotedAt: by().at,
            },
          },
        ]));
    it('refuses to promote it twice with 409 DIAGNOSIS_ALREADY_PROMOTED', () =>
      expect(refusalOf([opened, diagnosed('dx-1', 'E11.9', true), promoted('dx-1', 'E11.9')], promote)).to.include({
        kind: 'conflict',
        code: 'DIAGNOSIS_ALREADY_PROMOTED',
      }));
  });
});
