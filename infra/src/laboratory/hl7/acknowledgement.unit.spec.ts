import { expect } from 'chai';
import { Hl7Context } from '@medplum/core';
import { oruR01 } from '../../testing/hl7.js';
import { acknowledgementText } from './acknowledgement.js';
import { escapeHl7, unescapeHl7 } from './hl7-escaping.js';

const incoming = oruR01({ controlId: 'MSG-1', accessionNumber: 'ACC-42', observations: [{ code: '2345-7', value: '6.8' }] });
const at = new Date('2026-03-01T12:00:00.007Z');
/** Each segment's fields by segment name; MSH-n is at n - 1 (MSH-1 is the separator itself). */
const segmentsOf = (ack: string) => Object.fromEntries(ack.split('\r').map((s) => [s.slice(0, 3), s.split('|')]));

describe('An acknowledgement', () => {
  it('accepts: MSA-1 AA, MSA-2 the control id, no ERR', () => {
    const ack = acknowledgementText(incoming, { code: 'AA' }, at);
    const { MSH, MSA, ERR } = segmentsOf(ack);
    expect(MSA).to.deep.equal(['MSA', 'AA', 'MSG-1', 'OK']);
    expect(ERR).to.equal(undefined);
    expect(MSH?.slice(0, 9)).to.deep.equal([
      'MSH',
      '^~\\&',
      'HCMS',
      'CLINIC',
      'COBAS',
      'CENTRAL-LAB',
      '20260301120000.007+0000',
      '',
      'ACK^R01^ACK',
    ]);
    expect(MSH?.[9]).to.match(/^[0-9a-f]{20}$/);
    expect(MSH?.slice(10)).to.deep.equal(['P', '2.5.1']);
  });

  it('gives every ACK a control id of its own', () => {
    const ids = new Set([1, 2, 3].map(() => segmentsOf(acknowledgementText(incoming, { code: 'AA' }))['MSH']?.[9]));
    expect(ids.size).to.equal(3);
  });

  it('refuses: MSA-1 AR with the reason, and an ERR locating the field with its table 0357 code', () => {
    const { MSA, ERR } = segmentsOf(acknowledgementText(incoming, { code: 'AR', reason: 'OBX 2: OBX-3 has no code' }, at));
    expect(MSA).to.deep.equal(['MSA', 'AR', 'MSG-1', 'OBX 2: OBX-3 has no code']);
    expect(ERR).to.deep.equal(['ERR', '', 'OBX^2^3', '101^Required field missing^HL70357', 'E', '', '', '', 'OBX 2: OBX-3 has no code']);
  });

  it('says why a message type is refused', () => {
    const { ERR } = segmentsOf(acknowledgementText(incoming, { code: 'AR', reason: 'MSH-9 must be ORU^R01' }, at));
    expect(ERR?.slice(2, 4)).to.deep.equal(['MSH^1^9', '200^Unsupported message type^HL70357']);
  });

  it('reports an application error as AE with code 207', () => {
    const { MSA, ERR } = segmentsOf(acknowledgementText(incoming, { code: 'AE', reason: 'could not be processed, send again' }, at));
    expect(MSA?.slice(0, 3)).to.deep.equal(['MSA', 'AE', 'MSG-1']);
    expect(ERR?.[3]).to.equal('207^Application internal error^HL70357');
  });

  it('escapes the delimiters and line breaks of a reason so it stays one field', () => {
    const ack = acknowledgementText(incoming, { code: 'AR', reason: 'a|b^c~d\\e&f\rg' }, at);
    const { MSA } = segmentsOf(ack);
    expect(ack.split('\r')).to.have.length(3);
    expect(MSA?.[3]).to.equal('a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f\\X0D\\g');
  });

  it('answers in the delimiters the sender used', () => {
    const ack = acknowledgementText(incoming.replaceAll('|', '#'), { code: 'AR', reason: 'no OBR segment' }, at);
    expect(ack.startsWith('MSH#^~\\&#')).to.equal(true);
    expect(ack).to.include('\rMSA#AR#MSG-1#no OBR segment');
  });

  it('echoes the processing id of a test system', () => {
    const { MSH } = segmentsOf(acknowledgementText(incoming.replace('|P|2.5.1', '|T|2.5.1'), { code: 'AA' }, at));
    expect(MSH?.[10]).to.equal('T');
  });

  describe('to text that is not HL7', () => {
    it('is still an AR, with an empty control id', () => {
      const ack = acknowledgementText(
        'hello world',
        { code: 'AR', reason: 'not an HL7 message: it does not start with an MSH segment' },
        at,
      );
      const { MSH, MSA, ERR } = segmentsOf(ack);
      expect(MSH?.slice(0, 2)).to.deep.equal(['MSH', '^~\\&']);
      expect(MSA?.slice(0, 3)).to.deep.equal(['MSA', 'AR', '']);
      expect(ERR?.[3]).to.equal('100^Segment sequence error^HL70357');
    });

    it('recovers the control id of a header that can be read', () => {
      const { MSA } = segmentsOf(acknowledgementText(`garbage\r${incoming}`, { code: 'AR', reason: 'not an HL7 message' }, at));
      expect(MSA?.[2]).to.equal('MSG-1');
    });
  });
});

describe('HL7 escaping', () => {
  const context = new Hl7Context();
  it('round-trips any text', () => {
    for (const text of ['plain', 'a|b^c~d\\e&f', '\\F\\ literal', 'line\rbreak\n', 'é ü 🧪'])
      expect(unescapeHl7(escapeHl7(text, context), context)).to.equal(text);
  });
  it('decodes hex escapes, line breaks and drops highlighting', () =>
    expect(unescapeHl7('\\H\\high\\N\\ \\X4F4B\\\\.br\\x', context)).to.equal('high OK\nx'));
  it('keeps an escape it does not know as sent', () => expect(unescapeHl7('\\Z123\\ and \\', context)).to.equal('\\Z123\\ and \\'));
});
