import { expect } from 'chai';
import { createServer } from 'node:net';
import { oruR01, openHl7Connection, sendHl7, sendRawMllp } from '../../testing/hl7.js';
import { mllpFrame } from './mllp-framing.js';
import { startMllpListener, type ListenerLog, type MllpListener } from './mllp-listener.js';
import type { Acknowledgement, ResultMessage } from './result-message.js';

const PATIENT_MRN = 'MRN-93417';
const VALUE = '6.83';
const glucose = { code: '2345-7', name: 'Glucose', value: VALUE, unit: 'mmol/L' };
const message = (controlId: string, over: Partial<Parameters<typeof oruR01>[0]> = {}) =>
  oruR01({ controlId, accessionNumber: 'ACC-42', patientMrn: PATIENT_MRN, observations: [glucose], ...over });

describe('The MLLP listener, over TCP with the HL7 library’s client', function () {
  this.timeout(20_000);

  let listener: MllpListener;
  let handled: ResultMessage[];
  let answer: (message: ResultMessage) => Promise<Acknowledgement>;
  let lines: { level: string; fields: object; message: string }[];
  const log: ListenerLog = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };

  beforeEach(async () => {
    handled = [];
    lines = [];
    answer = async () => ({ code: 'AA' });
    listener = await startMllpListener({
      port: 0,
      log,
      handle: (m) => {
        handled.push(m);
        return answer(m);
      },
    });
  });
  afterEach(() => listener.close());

  it('listens on the free port it picked', () => expect(listener.port).to.be.greaterThan(0));

  it('hands a well-formed ORU^R01 to the application and answers AA with its control id', async () => {
    const ack = await sendHl7(listener.port, message('MSG-1'));
    expect(ack).to.include({ code: 'AA', controlId: 'MSG-1' });
    expect(handled).to.deep.equal([
      {
        messageControlId: 'MSG-1',
        sendingApplication: 'COBAS',
        sendingFacility: 'CENTRAL-LAB',
        accessionNumber: 'ACC-42',
        patientIdentifier: PATIENT_MRN,
        observations: [{ code: '2345-7', name: 'Glucose', valueType: 'NM', value: VALUE, unit: 'mmol/L', status: 'F' }],
      },
    ]);
  });

  describe('refuses with the reason, without calling the application,', () => {
    it('a message without OBR: its content is in error (AE)', async () => {
      const text = message('MSG-2')
        .split('\r')
        .filter((s) => !s.startsWith('OBR'))
        .join('\r');
      expect(await sendHl7(listener.port, text)).to.include({ code: 'AE', controlId: 'MSG-2', text: 'no OBR segment' });
      expect(handled).to.deep.equal([]);
    });

    it('another message type: rejected (AR)', async () => {
      const text = message('MSG-3').replace('ORU^R01^ORU_R01', 'ADT^A01^ADT_A01');
      expect(await sendHl7(listener.port, text)).to.include({ code: 'AR', controlId: 'MSG-3', text: 'MSH-9 must be ORU^R01' });
      expect(handled).to.deep.equal([]);
    });

    it('bytes that are not HL7 at all, with an empty control id', async () => {
      const [ack] = await sendRawMllp(listener.port, mllpFrame('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      expect(ack).to.include({ code: 'AR', controlId: '', text: 'not an HL7 message: it does not start with an MSH segment' });
      expect(handled).to.deep.equal([]);
    });

    it('a message larger than allowed, and goes on with the next', async () => {
      await listener.close();
      listener = await startMllpListener({ port: 0, log, maxMessageBytes: 2000, handle: async () => ({ code: 'AA' }) });
      const huge = message('MSG-BIG', { observations: Array.from({ length: 100 }, () => glucose) });
      const acks = await sendRawMllp(listener.port, Buffer.concat([mllpFrame(huge), mllpFrame(message('MSG-SMALL'))]), { acks: 2 });
      expect(acks.map((a) => [a.code, a.controlId, a.text])).to.deep.equal([
        ['AR', 'MSG-BIG', 'message is larger than 2000 bytes'],
        ['AA', 'MSG-SMALL', 'OK'],
      ]);
    });
  });

  it('answers what the application answers: AE with its reason', async () => {
    answer = async () => ({ code: 'AE', reason: 'the laboratory’s records are catching up; send again shortly' });
    const ack = await sendHl7(listener.port, message('MSG-4'));
    expect(ack).to.include({ code: 'AE', controlId: 'MSG-4', text: 'the laboratory’s records are catching up; send again shortly' });
    expect(ack.raw).to.include('\rERR|');
  });

  it('answers AR (rejected for now, not the message’s fault), asking to send again, when the application fails, and logs no message content', async () => {
    answer = async () => {
      throw new Error('store unavailable');
    };
    const ack = await sendHl7(listener.port, message('MSG-5'));
    expect(ack).to.include({ code: 'AR', controlId: 'MSG-5', text: 'could not be processed, send again' });
    const failure = lines.find((l) => l.level === 'error');
    expect(failure?.fields).to.deep.include({ controlId: 'MSG-5', err: { type: 'Error', message: 'store unavailable' } });
  });

  it('never logs what a message holds', async () => {
    await sendHl7(listener.port, message('MSG-6'));
    await sendHl7(listener.port, message('MSG-7').replace('ORU^R01', 'ADT^A01'));
    const logged = JSON.stringify(lines);
    expect(logged).to.include('MSG-6').and.include('MSG-7');
    for (const content of [PATIENT_MRN, VALUE, 'TESTPATIENT', 'ACC-42', 'Glucose']) expect(logged).not.to.include(content);
  });

  it('answers two messages on one connection, in order', async () => {
    const connection = openHl7Connection(listener.port);
    try {
      expect((await connection.send(message('MSG-8'))).controlId).to.equal('MSG-8');
      expect((await connection.send(message('MSG-9'))).controlId).to.equal('MSG-9');
    } finally {
      await connection.close();
    }
    expect(handled.map((m) => m.messageControlId)).to.deep.equal(['MSG-8', 'MSG-9']);
    expect(lines.filter((l) => l.message === 'MLLP connection opened')).to.have.length(1);
  });

  it('answers messages that arrive in one TCP write, each in turn', async () => {
    const bytes = Buffer.concat(['MSG-10', 'MSG-11', 'MSG-12'].map((id) => mllpFrame(message(id))));
    const acks = await sendRawMllp(listener.port, bytes, { acks: 3 });
    expect(acks.map((a) => [a.code, a.controlId])).to.deep.equal([
      ['AA', 'MSG-10'],
      ['AA', 'MSG-11'],
      ['AA', 'MSG-12'],
    ]);
  });

  it('answers a sender that closes its side as soon as it has sent', async () => {
    answer = () => new Promise((resolve) => setTimeout(() => resolve({ code: 'AA' }), 50));
    const [ack] = await sendRawMllp(listener.port, mllpFrame(message('MSG-15')), { thenEnd: true });
    expect(ack).to.include({ code: 'AA', controlId: 'MSG-15' });
  });

  it('serves several connections at once', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `MSG-C${i}`);
    const acks = await Promise.all(ids.map((id) => sendHl7(listener.port, message(id))));
    expect(acks.map((a) => a.controlId)).to.deep.equal(ids);
    expect(handled.map((m) => m.messageControlId).sort()).to.deep.equal([...ids].sort());
  });

  it('on close, ends open connections, lets a message being handled be answered, and stops accepting', async () => {
    let release = () => {};
    answer = () => new Promise((resolve) => (release = () => resolve({ code: 'AA' })));
    const connection = openHl7Connection(listener.port);
    const acked = connection.send(message('MSG-13'));
    while (handled.length === 0) await new Promise((r) => setTimeout(r, 10));
    const closed = listener.close();
    release();
    expect((await acked).controlId).to.equal('MSG-13');
    await closed;
    await connection.close();
    const error = await sendHl7(listener.port, message('MSG-14')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    listener = await startMllpListener({ port: 0, log, handle: async () => ({ code: 'AA' }) });
  });

  it('fails to start on a port already taken, rather than wait for it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const error = await startMllpListener({ port, log, handle: async () => ({ code: 'AA' }) }).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).to.equal('EADDRINUSE');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
