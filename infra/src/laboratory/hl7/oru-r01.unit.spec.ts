import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { oruR01 } from '../../testing/hl7.js';
import { parseResultMessage } from './oru-r01.js';
import type { ResultMessage } from './result-message.js';

const glucose = { code: '2345-7', name: 'Glucose', value: '6.8', unit: 'mmol/L' };
const message = (over: Partial<Parameters<typeof oruR01>[0]> = {}) =>
  oruR01({ controlId: 'MSG-1', accessionNumber: 'ACC-42', observations: [glucose], ...over });

const parsed = (text: string): ResultMessage => {
  const result = parseResultMessage(text);
  if (E.isLeft(result)) throw new Error(`expected a message, got the refusal "${result.left.reason}"`);
  return result.right;
};
const refusal = (text: string): string => {
  const result = parseResultMessage(text);
  if (E.isRight(result)) throw new Error('expected a refusal');
  return result.left.reason;
};
/** AR for what is not a message taken here at all, AE for content in error. */
const codeOf = (text: string): string => {
  const result = parseResultMessage(text);
  if (E.isRight(result)) throw new Error('expected a refusal');
  return result.left.code;
};
const segments = (text: string) => text.split('\r');
const replaceSegment = (text: string, name: string, by: string) =>
  segments(text)
    .map((s) => (s.startsWith(`${name}|`) ? by : s))
    .join('\r');

describe('An ORU^R01 message', () => {
  describe('when well-formed', () => {
    it('names the patient as the sender has them (PID-3), when it does', () => {
      expect(parsed(message({ patientMrn: 'MRN-000042' }))).to.include({ patientIdentifier: 'MRN-000042' });
      expect(parsed(message())).not.to.have.property('patientIdentifier');
    });
    it('gives its control id, sender, accession number and every observation', () => {
      const text = message({
        sendingApplication: 'COBAS',
        sendingFacility: 'CENTRAL-LAB',
        observations: [glucose, { code: '718-7', name: 'Hemoglobin', value: '13.2', unit: 'g/dL', status: 'P' }],
      });
      expect(parsed(text)).to.deep.equal({
        messageControlId: 'MSG-1',
        sendingApplication: 'COBAS',
        sendingFacility: 'CENTRAL-LAB',
        accessionNumber: 'ACC-42',
        observations: [
          { code: '2345-7', name: 'Glucose', valueType: 'NM', value: '6.8', unit: 'mmol/L', status: 'F' },
          { code: '718-7', name: 'Hemoglobin', valueType: 'NM', value: '13.2', unit: 'g/dL', status: 'P' },
        ],
      });
    });

    it('keeps SN and CWE values with their components joined by ^', () => {
      const { observations } = parsed(
        message({
          observations: [
            { code: '5671-3', valueType: 'SN', value: '<^10' },
            { code: '5195-3', valueType: 'CWE', value: 'POS^Positive^HL70078' },
            { code: '2160-0', valueType: 'SN', value: '^7.2^^' },
          ],
        }),
      );
      expect(observations.map((o) => o.value)).to.deep.equal(['<^10', 'POS^Positive^HL70078', '^7.2']);
    });

    it('takes the placer order number (OBR-2) when there is no filler order number (OBR-3)', () => {
      const text = replaceSegment(message(), 'OBR', 'OBR|1|PLACER-7^HIS||24323-8^Panel^LN');
      expect(parsed(text).accessionNumber).to.equal('PLACER-7');
    });

    it('has no accession number when the OBR names none', () => {
      expect(parsed(message({ accessionNumber: undefined }))).to.not.have.property('accessionNumber');
    });

    it('takes the first component of OBR-3 and of OBX-6', () => {
      const text = replaceSegment(message(), 'OBR', 'OBR|1||ACC-9^LAB^1.2.3^ISO|24323-8');
      const withUnit = replaceSegment(text, 'OBX', 'OBX|1|NM|2345-7^Glucose^LN||6.8|mmol/L^millimole per liter^UCUM|||||F');
      const result = parsed(withUnit);
      expect(result.accessionNumber).to.equal('ACC-9');
      expect(result.observations[0]?.unit).to.equal('mmol/L');
    });

    it('names the sender by its universal id when it has no namespace id', () => {
      const text = message().replace('|COBAS|CENTRAL-LAB|', '|^2.16.840.1.113883.3.1^ISO|LAB|');
      expect(parsed(text).sendingApplication).to.equal('2.16.840.1.113883.3.1');
    });

    it('decodes escape sequences in values, names and units', () => {
      const text = message({
        observations: [{ code: '11529-5', name: 'Path \\T\\ report', valueType: 'TX', value: 'A\\F\\B\\S\\C\\E\\D\\.br\\end' }],
      });
      const [obs] = parsed(text).observations;
      expect(obs?.name).to.equal('Path & report');
      expect(obs?.value).to.equal('A|B^C\\D\nend');
    });

    it('reads segments separated by LF or CRLF as well as CR', () => {
      const text = message();
      expect(parsed(text.replaceAll('\r', '\n'))).to.deep.equal(parsed(text));
      expect(parsed(text.replaceAll('\r', '\r\n'))).to.deep.equal(parsed(text));
    });

    it('reads a message using other delimiters, giving values in the standard ones', () => {
      const text = message({ observations: [{ code: '5671-3', valueType: 'SN', value: '<^10' }] })
        .replaceAll('|', '#')
        .replaceAll('^', '$');
      expect(parsed(text).observations[0]?.value).to.equal('<^10');
    });

    it('accepts an observation without a value when its status says it could not be obtained', () => {
      const text = message({ observations: [{ code: '2345-7', value: '', status: 'X' }] });
      expect(parsed(text).observations[0]).to.include({ value: '', status: 'X' });
    });

    it('accepts several OBRs about the same specimen', () => {
      const text = `${message()}\rOBR|2||ACC-42|718-7\rOBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL|||||F`;
      expect(parsed(text).observations).to.have.length(2);
    });
  });

  describe('refuses, naming the segment and field', () => {
    it('another message type', () =>
      expect(refusal(message().replace('ORU^R01^ORU_R01', 'ADT^A01^ADT_A01'))).to.equal('MSH-9 must be ORU^R01'));
    it('another ORU event', () => expect(refusal(message().replace('ORU^R01^ORU_R01', 'ORU^R30'))).to.equal('MSH-9 must be ORU^R01'));
    it('an empty control id', () => expect(refusal(message({ controlId: '' }))).to.equal('MSH-10 (message control id) is empty'));
    it('a control id of the HL7 null', () =>
      expect(refusal(message({ controlId: '""' }))).to.equal('MSH-10 (message control id) is empty'));
    it('a control id too long to be one', () =>
      expect(refusal(message({ controlId: 'x'.repeat(200) }))).to.equal('MSH-10 (message control id) is longer than 199 characters'));
    it('a message without OBR', () =>
      expect(
        refusal(
          segments(message())
            .filter((s) => !s.startsWith('OBR'))
            .join('\r'),
        ),
      ).to.equal('no OBR segment'));
    it('an OBX without a code', () =>
      expect(refusal(message({ observations: [glucose, { code: '', name: 'Sodium', value: '140' }] }))).to.equal(
        'OBX 2: OBX-3 has no code',
      ));
    it('an OBX without a value', () =>
      expect(refusal(message({ observations: [{ ...glucose, value: '' }] }))).to.equal('OBX 1: OBX-5 is empty'));
    it('an OBX without a value type', () =>
      expect(refusal(message({ observations: [{ ...glucose, valueType: '' }] }))).to.equal('OBX 1: OBX-2 (value type) is empty'));
    it('a second specimen in the same message', () =>
      expect(refusal(`${message()}\rOBR|2||ACC-43|718-7\rOBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL|||||F`)).to.equal(
        "OBR 2: OBR-3 (accession number) differs from OBR 1's; send one specimen per message",
      ));
    it('as AR what is not a result message at all, as AE a result message whose content is in error', () => {
      expect(codeOf(message().replace('ORU^R01^ORU_R01', 'ADT^A01^ADT_A01'))).to.equal('AR');
      expect(codeOf('hello world')).to.equal('AR');
      expect(codeOf(message({ controlId: '' }))).to.equal('AR');
      expect(codeOf(message({ observations: [{ ...glucose, value: '' }] }))).to.equal('AE');
      expect(codeOf(replaceSegment(message(), 'OBR', 'PV1|1'))).to.equal('AE');
    });
    it('text that is not HL7', () => expect(refusal('hello world')).to.equal('not an HL7 message: it does not start with an MSH segment'));
    it('an empty text', () => expect(refusal('')).to.equal('not an HL7 message: it does not start with an MSH segment'));
    it('a header without delimiters', () => expect(refusal('MSH')).to.equal('MSH-1 (field separator) is not valid'));
    it('a letter as field separator', () => expect(refusal('MSHA^~\\&A')).to.equal('MSH-1 (field separator) is not valid'));
    it('repeated delimiters', () => expect(refusal('MSH|^^\\&|A|B')).to.equal('MSH-2 (encoding characters) is not valid'));
    it('too few encoding characters', () => expect(refusal('MSH|^~|A|B')).to.equal('MSH-2 (encoding characters) is not valid'));
    it('never names a value it read', () => {
      const reason = refusal(message({ observations: [{ code: '', name: 'Secret', value: 'PATIENT-VALUE' }] }));
      expect(reason).not.to.include('PATIENT-VALUE').and.not.to.include('Secret');
    });
  });

  describe('whatever the input', () => {
    /** Deterministic, so a failure can be replayed. */
    const random = (seed: number) => () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const next = random(7);
    const alphabet = ['|', '^', '~', '\\', '&', '\r', '\n', '\x0b', '\x1c', 'MSH', 'OBR', 'OBX', '""', 'A', '1', ' ', '\u00e9', '\ud83d'];

    it('never throws: garbage, mutated messages, huge ones', () => {
      const inputs: string[] = ['', '\x00\x01\x02', 'MSH|', 'MSH|^~\\&', 'MSH|^~\\&|', `MSH|^~\\&${'|'.repeat(5000)}`, '\uFEFF'];
      for (let i = 0; i < 500; i++) {
        const length = Math.floor(next() * 300);
        inputs.push(Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
        const base = message();
        const at = Math.floor(next() * base.length);
        inputs.push(base.slice(0, at) + (alphabet[Math.floor(next() * alphabet.length)] ?? '') + base.slice(at + 1));
        inputs.push(base.slice(0, at));
      }
      inputs.push(message({ observations: Array.from({ length: 20_000 }, (_, i) => ({ ...glucose, value: String(i) })) }));
      inputs.push(`MSH|^~\\&|${'x'.repeat(2_000_000)}`);
      for (const input of inputs) expect(() => parseResultMessage(input), JSON.stringify(input.slice(0, 80))).not.to.throw();
      expect(parseResultMessage(null as unknown as string)).to.deep.equal(E.left({ code: 'AR', reason: 'not a readable HL7 message' }));
    });
  });
});
