import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { invariantViolated } from '@hcms/shared-kernel';
import type { ReceivedObservation } from '../domain/inbox/parked-result.events.js';
import { observationInput, observationInputs, refusalText } from './observation-input.js';

const obx = (valueType: string, value: string, extra: Partial<ReceivedObservation> = {}): ReceivedObservation => ({
  code: '2823-3',
  valueType,
  value,
  ...extra,
});
const input = (o: ReceivedObservation) => observationInput(o, 1);

describe('An analyser’s observation as a result', () => {
  it('reads a number (NM) with its unit', () =>
    expect(input(obx('NM', '6.8', { unit: 'mmol/L' }))).to.deep.equal(E.right({ code: '2823-3', value: 6.8, unit: 'mmol/L' })));
  it('reads a structured number (SN) with its comparator, or none', () => {
    expect(input(obx('SN', '<^10'))).to.deep.equal(E.right({ code: '2823-3', value: 10, comparator: '<' }));
    expect(input(obx('SN', '>=^5.5'))).to.deep.equal(E.right({ code: '2823-3', value: 5.5, comparator: '>=' }));
    expect(input(obx('SN', '^7.2'))).to.deep.equal(E.right({ code: '2823-3', value: 7.2 }));
  });
  it('reads a coded answer’s code, and text as it is', () => {
    expect(input(obx('CWE', 'POS^Positive^L'))).to.deep.equal(E.right({ code: '2823-3', answer: 'POS' }));
    expect(input(obx('ST', 'see report'))).to.deep.equal(E.right({ code: '2823-3', text: 'see report' }));
  });
  it('refuses, naming the OBX and never its value, what is not a number', () => {
    expect(input(obx('NM', '6,8'))).to.deep.equal(E.left('OBX 1 (2823-3): OBX-5 is not a number'));
    expect(input(obx('SN', '1^-^5'))).to.satisfy(E.isLeft);
  });
  it('takes no comparator from an object’s prototype', () => {
    for (const sign of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(input(obx('SN', `${sign}^5`))).to.satisfy(E.isLeft);
  });
  it('refuses a value type it does not take', () => expect(input(obx('ED', 'JVBERi0'))).to.satisfy(E.isLeft));
  it('leaves out a test the analyser could not run (X, D, N): the order waits for its result', () =>
    expect(observationInputs([obx('NM', '', { status: 'X' }), obx('NM', '4.1', { status: 'F' })])).to.deep.equal(
      E.right({ inputs: [{ code: '2823-3', value: 4.1 }], obx: [2] }),
    ));
  it('says why the results were refused, numbering fields as the message does (an OBX without a value left out)', () =>
    expect(
      refusalText(
        invariantViolated('RESULT_IMPLAUSIBLE', 'a value is outside what the test can measure', {
          problems: [{ path: 'body.results.1.value', rule: 'must be within 0.5–15 mmol/L' }],
        }),
        [1, 3],
      ),
    ).to.equal('RESULT_IMPLAUSIBLE; a value is outside what the test can measure; OBX 3.value: must be within 0.5–15 mmol/L'));
});
