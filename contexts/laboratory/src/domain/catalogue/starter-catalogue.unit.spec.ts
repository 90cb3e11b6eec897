import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { analytesOf, catalogueEntry, STARTER_CATALOGUE } from './starter-catalogue.js';
import { TestDefinition } from './test-definition.js';
import { definitionProblems } from './test-definition.rules.js';

const entry = (code: string): TestDefinition => catalogueEntry(code) ?? expect.fail(`${code} is not in the starter catalogue`);
const numericEntry = (code: string) => {
  const test = entry(code);
  return test.kind === 'numeric' ? test : expect.fail(`${code} is not numeric`);
};
const codedEntry = (code: string) => {
  const test = entry(code);
  return test.kind === 'coded' ? test : expect.fail(`${code} is not coded`);
};

describe('Starter catalogue', () => {
  describe('holds to the catalogue’s own rules', () => {
    it('has only definitions a DefineTest would accept', () =>
      expect(
        STARTER_CATALOGUE.filter((test) => definitionProblems(test).length > 0).map((test) => [test.code, definitionProblems(test)]),
      ).to.deep.equal([]));
    it('has only definitions that decode as the API and the log decode them', () =>
      expect(STARTER_CATALOGUE.filter((test) => E.isLeft(TestDefinition.decode(test))).map((test) => test.code)).to.deep.equal([]));
    it('defines each code once', () => {
      const codes = STARTER_CATALOGUE.map((test) => test.code);
      expect(codes.filter((code, i) => codes.indexOf(code) !== i)).to.deep.equal([]);
    });
    it('defines every member of every panel, as a test with a result of its own', () => {
      const panels = STARTER_CATALOGUE.flatMap((test) => (test.kind === 'panel' ? [test] : []));
      const missing = panels.flatMap((panel) =>
        panel.members
          .filter((code) => catalogueEntry(code) === undefined || catalogueEntry(code)?.kind === 'panel')
          .map((code) => `${panel.code} › ${code}`),
      );
      expect(missing).to.deep.equal([]);
    });
    it('takes each panel’s specimen type from its members', () => {
      const mixed = STARTER_CATALOGUE.flatMap((test) =>
        test.kind === 'panel'
          ? analytesOf(test)
              .filter((m) => m.specimenType !== test.specimenType)
              .map((m) => `${test.code} › ${m.code}`)
          : [],
      );
      expect(mixed).to.deep.equal([]);
    });
  });

  describe('has what Consultations orders', () => {
    const ORDERED: Readonly<Record<string, [TestDefinition['kind'], TestDefinition['specimenType']]>> = {
      '58410-2': ['panel', 'whole-blood'],
      '24323-8': ['panel', 'serum'],
      '51990-0': ['panel', 'serum'],
      '4548-4': ['numeric', 'whole-blood'],
      '57698-3': ['panel', 'serum'],
      '3016-3': ['numeric', 'serum'],
      '24356-8': ['panel', 'urine'],
      '1988-5': ['numeric', 'serum'],
      '2160-0': ['numeric', 'serum'],
      '2345-7': ['numeric', 'serum'],
      '6690-2': ['numeric', 'whole-blood'],
      '5902-2': ['numeric', 'plasma'],
    };
    for (const [code, [kind, specimenType]] of Object.entries(ORDERED))
      it(`defines ${code} as a ${kind} test of ${specimenType}`, () => expect(entry(code)).to.include({ kind, specimenType }));

    it('puts the usual tests in the panels', () => {
      const members = (code: string) => analytesOf(entry(code)).map((test) => test.code);
      expect(members('58410-2')).to.include.members(['6690-2', '789-8', '718-7', '4544-3', '777-3', '787-2']);
      expect(members('51990-0')).to.have.members(['2951-2', '2823-3', '2075-0', '2028-9', '3094-0', '2160-0', '2345-7', '17861-6']);
      expect(members('24323-8')).to.include.members(members('51990-0'));
      expect(members('57698-3')).to.have.members(['2093-3', '2571-8', '2085-9', '18262-6']);
      expect(members('24356-8')).to.include.members(['5792-7', '5804-0', '5799-2', '5802-4']);
    });
  });

  describe('defines', () => {
    it('potassium as the critical-value path expects it', () =>
      expect(entry('2823-3')).to.deep.include({
        kind: 'numeric',
        specimenType: 'serum',
        unit: 'mmol/L',
        decimals: 1,
        referenceRanges: [{ low: 3.5, high: 5.1 }],
        critical: { low: 2.5, high: 6.5 },
        absolute: { min: 0.5, max: 15 },
      }));
    it('hemoglobin and creatinine with ranges for adult men and adult women', () => {
      for (const code of ['718-7', '2160-0']) {
        const sexes = numericEntry(code)
          .referenceRanges.filter((r) => r.minAge?.value === 18 && r.minAge.unit === 'years')
          .map((r) => r.sex);
        expect(sexes, code).to.include.members(['male', 'female']);
      }
    });
    it('alkaline phosphatase and creatinine with ranges either side of 18 years', () => {
      for (const code of ['6768-6', '2160-0']) {
        const ranges = numericEntry(code).referenceRanges;
        expect(
          ranges.some((r) => r.maxAge?.value === 18 && r.maxAge.unit === 'years'),
          `${code} under 18`,
        ).to.equal(true);
        expect(
          ranges.some((r) => r.minAge?.value === 18 && r.minAge.unit === 'years'),
          `${code} from 18`,
        ).to.equal(true);
      }
    });
    it('urine dipstick members as coded tests, anything but negative abnormal', () => {
      const dipstick = analytesOf(entry('24356-8')).flatMap((test) => (test.kind === 'coded' ? [test] : []));
      expect(dipstick.map((test) => test.code)).to.include.members(['5792-7', '5804-0', '5799-2', '5802-4']);
      for (const test of dipstick) {
        expect(
          test.answers.map((a) => [a.code, a.abnormal === true]).filter(([code]) => code === 'negative'),
          test.code,
        ).to.deep.equal([['negative', false]]);
        expect(
          test.answers.filter((a) => a.code !== 'negative').every((a) => a.abnormal === true),
          test.code,
        ).to.equal(true);
      }
      expect(codedEntry('5802-4').answers.map((a) => a.code)).to.deep.equal(['negative', 'positive']);
      expect(codedEntry('5792-7').answers.map((a) => a.code)).to.deep.equal(['negative', 'trace', '1+', '2+', '3+']);
    });
  });

  describe('is looked up', () => {
    it('by code', () => expect(catalogueEntry('2823-3')?.name).to.equal('Potassium [Moles/volume] in Serum or Plasma'));
    it('to nothing for a code it does not hold', () => expect(catalogueEntry('9999-9')).to.equal(undefined));
    it('in another catalogue when given one', () => expect(catalogueEntry('2823-3', [])).to.equal(undefined));
    it('to a test’s own analytes: a panel’s members, or the test itself', () => {
      expect(analytesOf(entry('57698-3')).map((test) => test.code)).to.deep.equal(['2093-3', '2571-8', '2085-9', '18262-6']);
      expect(analytesOf(entry('2823-3'))).to.deep.equal([entry('2823-3')]);
    });
  });
});
