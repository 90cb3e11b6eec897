import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { IsoDateTime, Problem } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import type { DefineTest } from './catalogue.commands.js';
import { catalogueDecider } from './catalogue.decider.js';
import type { CatalogueEvent } from './catalogue.events.js';
import type { CodedTest, LoincCode, NumericTest, Panel, TestDefinition } from './test-definition.js';

const given = specFor(catalogueDecider);
const AT = '2026-03-01T10:00:00.000Z' as IsoDateTime;
const ADMIN = 'admin-cuddy';
const code = (s: string) => s as LoincCode;

const POTASSIUM: NumericTest = {
  kind: 'numeric',
  code: code('2823-3'),
  name: 'Potassium [Moles/volume] in Serum or Plasma',
  specimenType: 'serum',
  unit: 'mmol/L',
  decimals: 1,
  referenceRanges: [{ low: 3.5, high: 5.1 }],
  critical: { low: 2.5, high: 6.5 },
  absolute: { min: 0.5, max: 15 },
};
const NITRITE: CodedTest = {
  kind: 'coded',
  code: code('5802-4'),
  name: 'Nitrite [Presence] in Urine by Test strip',
  specimenType: 'urine',
  answers: [
    { code: 'negative', display: 'Negative' },
    { code: 'positive', display: 'Positive', abnormal: true },
  ],
};
const LIPIDS: Panel = {
  kind: 'panel',
  code: code('57698-3'),
  name: 'Lipid panel with direct LDL - Serum or Plasma',
  specimenType: 'serum',
  members: [code('2093-3'), code('2571-8'), code('2085-9'), code('18262-6')],
};

const define = (definition: TestDefinition): DefineTest => ({ type: 'DefineTest', definition, at: AT, actorId: ADMIN });
const defined = (definition: TestDefinition): CatalogueEvent => ({
  type: 'TestDefined',
  data: { definition, definedBy: ADMIN, definedAt: AT },
});
const years = (value: number) => ({ value, unit: 'years' as const });

/** The problems of a refused definition: it must be refused as INVALID_DEFINITION (422). */
const problemsOf = (definition: TestDefinition, history: readonly CatalogueEvent[] = []): readonly Problem[] => {
  const result = given(history).when(define(definition)).result;
  if (E.isRight(result)) return expect.fail(`accepted: ${JSON.stringify(result.right)}`);
  expect(result.left).to.include({ kind: 'invariant', code: 'INVALID_DEFINITION' });
  return result.left.problems ?? [];
};
const pathsOf = (definition: TestDefinition): readonly string[] => problemsOf(definition).map((p) => p.path);

describe('Catalogue test', () => {
  describe('when defined', () => {
    it('records the definition, who defined it and when', () =>
      given([])
        .when(define(POTASSIUM))
        .then([defined(POTASSIUM)]));
    it('records coded tests, text tests and panels', () => {
      given([])
        .when(define(NITRITE))
        .then([defined(NITRITE)]);
      given([])
        .when(define(LIPIDS))
        .then([defined(LIPIDS)]);
      const color: TestDefinition = { kind: 'text', code: code('5778-6'), name: 'Color of Urine', specimenType: 'urine' };
      given([])
        .when(define(color))
        .then([defined(color)]);
    });
    it('replaces a definition that changed', () => {
      const wider = { ...POTASSIUM, referenceRanges: [{ low: 3.4, high: 5.3 }] };
      given([defined(POTASSIUM)])
        .when(define(wider))
        .then([defined(wider)]);
    });
    it('records nothing when the definition is the same, whatever its keys’ order', () => {
      given([defined(POTASSIUM)])
        .when(define(POTASSIUM))
        .then([]);
      const reordered = JSON.parse(JSON.stringify({ ...POTASSIUM, absolute: { max: 15, min: 0.5 }, kind: 'numeric' })) as NumericTest;
      given([defined(POTASSIUM)])
        .when(define(reordered))
        .then([]);
    });
    it('refuses a definition under another code than the test’s', () =>
      expect(problemsOf({ ...POTASSIUM, code: code('2951-2') }, [defined(POTASSIUM)])).to.deep.equal([
        { path: 'body.code', rule: 'must be 2823-3, the code of the test being redefined' },
      ]));
  });

  describe('refuses with INVALID_DEFINITION', () => {
    it('a code whose check digit does not match', () =>
      expect(problemsOf({ ...POTASSIUM, code: code('2823-4') })).to.deep.equal([
        { path: 'body.code', rule: 'must be a LOINC code whose check digit matches' },
      ]));
    it('a blank name', () => expect(pathsOf({ ...POTASSIUM, name: '  ' })).to.deep.equal(['body.name']));

    it('a reference range whose low is above its high', () =>
      expect(
        problemsOf({
          ...POTASSIUM,
          referenceRanges: [
            { low: 3.5, high: 5.1 },
            { low: 5.0, high: 4.0 },
          ],
        }),
      ).to.deep.equal([{ path: 'body.referenceRanges.1.low', rule: 'must be at most high (4)' }]));
    it('a reference range with no limit', () =>
      expect(pathsOf({ ...POTASSIUM, referenceRanges: [{ sex: 'male' }] })).to.include('body.referenceRanges.0'));
    it('a reference range beyond the absolute range', () =>
      expect(problemsOf({ ...POTASSIUM, referenceRanges: [{ low: 0.2, high: 5.1 }], critical: {} })).to.deep.equal([
        { path: 'body.referenceRanges.0.low', rule: 'must be within the absolute range 0.5–15' },
      ]));
    it('an age interval that is empty', () => {
      expect(pathsOf({ ...POTASSIUM, referenceRanges: [{ minAge: years(18), maxAge: years(18), low: 3.5, high: 5.1 }] })).to.deep.equal([
        'body.referenceRanges.0.minAge',
      ]);
      expect(pathsOf({ ...POTASSIUM, referenceRanges: [{ maxAge: years(0), low: 3.5, high: 5.1 }] })).to.deep.equal([
        'body.referenceRanges.0.maxAge',
      ]);
    });
    it('an age interval some birth dates would make empty: 30 days to 1 month', () =>
      expect(
        pathsOf({
          ...POTASSIUM,
          referenceRanges: [{ minAge: { value: 30, unit: 'days' }, maxAge: { value: 1, unit: 'months' }, low: 3.5, high: 5.1 }],
        }),
      ).to.deep.equal(['body.referenceRanges.0.minAge']));
    it('an age that is not a whole number of units', () =>
      expect(pathsOf({ ...POTASSIUM, referenceRanges: [{ minAge: { value: 1.5, unit: 'years' }, low: 3.5, high: 5.1 }] })).to.deep.equal([
        'body.referenceRanges.0.minAge.value',
      ]));

    it('a critical low at or above the critical high', () =>
      expect(problemsOf({ ...POTASSIUM, referenceRanges: [], critical: { low: 6.5, high: 6.5 } })).to.deep.equal([
        { path: 'body.critical.low', rule: 'must be below critical.high (6.5)' },
      ]));
    it('a critical limit inside a reference range', () =>
      expect(
        problemsOf({
          ...POTASSIUM,
          referenceRanges: [
            { low: 3.5, high: 5.1 },
            { low: 3.0, high: 6.6 },
          ],
        }),
      ).to.deep.equal([{ path: 'body.critical.high', rule: 'must be at or above referenceRanges.1.high (6.6)' }]));
    it('a critical limit on a side a reference range leaves open', () =>
      expect(problemsOf({ ...POTASSIUM, referenceRanges: [{ high: 5.1 }] })).to.deep.equal([
        { path: 'body.critical.low', rule: "must be at or below every reference range's low: referenceRanges.0 has none" },
      ]));
    it('accepts critical limits on the reference range’s own limits', () => {
      const tight = { ...POTASSIUM, critical: { low: 3.5, high: 5.1 } };
      given([])
        .when(define(tight))
        .then([defined(tight)]);
    });
    it('a critical limit beyond the absolute range', () =>
      expect(pathsOf({ ...POTASSIUM, critical: { low: 0.4, high: 6.5 } })).to.deep.equal(['body.critical.low']));

    it('an absolute range whose min is not below its max, alone', () =>
      expect(problemsOf({ ...POTASSIUM, absolute: { min: 15, max: 15 } })).to.deep.equal([
        { path: 'body.absolute.min', rule: 'must be below absolute.max (15)' },
      ]));
    it('decimals that are not a whole number from 0 to 6', () => {
      for (const decimals of [-1, 1.5, 7]) expect(pathsOf({ ...POTASSIUM, decimals }), String(decimals)).to.deep.equal(['body.decimals']);
    });
    it('a blank unit', () => expect(pathsOf({ ...POTASSIUM, unit: '' })).to.deep.equal(['body.unit']));

    it('a coded test without answers', () =>
      expect(problemsOf({ ...NITRITE, answers: [] })).to.deep.equal([{ path: 'body.answers', rule: 'must list at least one answer' }]));
    it('a coded test with an answer twice', () =>
      expect(problemsOf({ ...NITRITE, answers: [...NITRITE.answers, { code: 'negative', display: 'Neg' }] })).to.deep.equal([
        { path: 'body.answers.2.code', rule: 'repeats answers.0.code: each answer once' },
      ]));

    it('a panel without members', () =>
      expect(problemsOf({ ...LIPIDS, members: [] })).to.deep.equal([{ path: 'body.members', rule: 'must list at least one test' }]));
    it('a panel with a member twice', () =>
      expect(problemsOf({ ...LIPIDS, members: [...LIPIDS.members, code('2571-8')] })).to.deep.equal([
        { path: 'body.members.4', rule: 'repeats members.1: each test once' },
      ]));
    it('a panel among its own members', () =>
      expect(problemsOf({ ...LIPIDS, members: [code('2093-3'), LIPIDS.code] })).to.deep.equal([
        { path: 'body.members.1', rule: 'must not be the panel itself' },
      ]));
    it('a member whose check digit does not match', () =>
      expect(pathsOf({ ...LIPIDS, members: [code('2093-4')] })).to.deep.equal(['body.members.0']));

    it('with every problem at once, each under its own path', () =>
      expect(
        pathsOf({ ...POTASSIUM, decimals: 9, referenceRanges: [{ low: 6, high: 5 }], critical: { low: 7, high: 6.5 } }),
      ).to.have.members(['body.decimals', 'body.referenceRanges.0.low', 'body.critical.low', 'body.critical.low']));
  });
});
