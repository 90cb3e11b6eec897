import { expect } from 'chai';
import { STARTER_CATALOGUE } from '../catalogue/starter-catalogue.js';
import type { AnalyteTest, TestDefinition } from '../catalogue/test-definition.js';
import type { EnteredResult } from './lab-order.commands.js';
import { after, collect, enter, eventsOf, place, receive, verify } from './lab-order.fixtures.js';

const defined = (code: string): TestDefinition => {
  const test = STARTER_CATALOGUE.find((t) => t.code === code);
  if (!test) throw new Error(`the starter catalogue has no ${code}`);
  return test;
};
const BASIC_METABOLIC = defined('51990-0');
const members =
  BASIC_METABOLIC.kind === 'panel' ? BASIC_METABOLIC.members.map(defined).filter((t): t is AnalyteTest => t.kind !== 'panel') : [];
/** A value in the middle of the test's first reference range. */
const normal = (test: AnalyteTest): EnteredResult => {
  if (test.kind !== 'numeric') throw new Error(`${test.code} is not numeric`);
  const { low = test.absolute.min, high = test.absolute.max } = test.referenceRanges[0] ?? {};
  return { code: test.code, value: { kind: 'numeric', value: (low + high) / 2 } };
};

describe('Lab order', () => {
  describe('on the starter catalogue', () => {
    it('calls a potassium of 6.8 mmol/L in a basic metabolic panel critical', () => {
      const results = members.map((m) =>
        m.code === '2823-3' ? { code: m.code, value: { kind: 'numeric' as const, value: 6.8 } } : normal(m),
      );
      const history = after([], place({ tests: [BASIC_METABOLIC], members }), collect(), receive(), {
        ...enter(results),
        definitions: members,
      });
      const [finalized, alert] = eventsOf(history, verify());
      expect(finalized?.data).to.include({ status: 'final' });
      expect(alert?.type).to.equal('CriticalResultDetected');
      expect(alert?.type === 'CriticalResultDetected' && alert.data.results).to.deep.equal([
        {
          code: '2823-3',
          name: defined('2823-3').name,
          value: { kind: 'numeric', value: 6.8, unit: 'mmol/L' },
          critical: true,
          flag: 'HH',
          range: { low: 3.5, high: 5.1, criticalLow: 2.5, criticalHigh: 6.5 },
        },
      ]);
    });
  });
});
