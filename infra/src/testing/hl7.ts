import { connect } from 'node:net';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { unescapeHl7 } from '../laboratory/hl7/hl7-escaping.js';
import { mllpDeframer } from '../laboratory/hl7/mllp-framing.js';

export interface OruR01Observation {
  readonly code: string;
  readonly name?: string;
  /** NM unless given. */
  readonly valueType?: string;
  /** Written as given: already HL7 text (`<^10` for an SN). */
  readonly value: string;
  readonly unit?: string;
  /** OBX-11; F unless given. */
  readonly status?: string;
}

export interface OruR01Options {
  readonly controlId: string;
  /** OBR-3; the OBR names no specimen without it. */
  readonly accessionNumber?: string;
  readonly observations: readonly OruR01Observation[];
  readonly sendingApplication?: string;
  readonly sendingFacility?: string;
  /** PID-3; left empty unless given. */
  readonly patientMrn?: string;
}

/** A well-formed ORU^R01 as an analyser sends it: MSH, PID, one OBR, an OBX per observation, CR between segments. */
export const oruR01 = (o: OruR01Options): string =>
  [
    `MSH|^~\\&|${o.sendingApplication ?? 'COBAS'}|${o.sendingFacility ?? 'CENTRAL-LAB'}|HCMS|CLINIC|20260301120000||ORU^R01^ORU_R01|${o.controlId}|P|2.5.1`,
    `PID|1||${o.patientMrn === undefined ? '' : `${o.patientMrn}^^^CLINIC^MR`}||TESTPATIENT^ALEX||19800101|U`,
    `OBR|1||${o.accessionNumber ?? ''}|24323-8^Comprehensive metabolic panel^LN|||20260301110000`,
    ...o.observations.map(
      (obs, i) =>
        `OBX|${i + 1}|${obs.valueType ?? 'NM'}|${obs.code}^${obs.name ?? ''}^LN||${obs.value}|${obs.unit ?? ''}|||||${obs.status ?? 'F'}`,
    ),
  ].join('\r');

/** What an ACK said: MSA-1, MSA-2, MSA-3 (unescaped), and the whole ACK. */
export interface ReceivedAck {
  readonly code: string;
  readonly controlId: string;
  readonly text: string;
  readonly raw: string;
}

const ackOf = (reply: Hl7Message): ReceivedAck => {
  const msa = reply.getSegment('MSA');
  return {
    code: msa?.getField(1)?.toString() ?? '',
    controlId: msa?.getField(2)?.toString() ?? '',
    text: unescapeHl7(msa?.getField(3)?.toString() ?? '', reply.context),
    raw: reply.toString(),
  };
};

/** Rejects after `ms` unless the work settles first; the library's own timeout outlives the answer and keeps a process up. */
const within = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ACK within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/** One connection through the library's client, for several messages in turn. */
export const openHl7Connection = (port: number, host = '127.0.0.1') => {
  const client = new Hl7Client({ host, port, connectTimeout: 5000 });
  return {
    send: async (text: string): Promise<ReceivedAck> => ackOf(await within(client.sendAndWait(Hl7Message.parse(text)), 10_000)),
    close: () => client.close(),
  };
};

/** Sends one message over a new connection with the library's client and returns its ACK. */
export const sendHl7 = async (port: number, text: string, host = '127.0.0.1'): Promise<ReceivedAck> => {
  const connection = openHl7Connection(port, host);
  try {
    return await connection.send(text);
  } finally {
    await connection.close();
  }
};

/**
 * Writes bytes as they are (framed or not, one message or several in one write) on a raw socket
 * and collects the next `acks` ACK frames: what the library's client cannot send (text that is
 * not HL7) or send so (two messages in one TCP write).
 */
export const sendRawMllp = (
  port: number,
  bytes: Buffer,
  {
    acks = 1,
    host = '127.0.0.1',
    thenEnd = false,
  }: { acks?: number; host?: string; /** close the sending side after writing */ thenEnd?: boolean } = {},
): Promise<ReceivedAck[]> =>
  new Promise((resolve, reject) => {
    const received: ReceivedAck[] = [];
    const deframe = mllpDeframer(1024 * 1024);
    const socket = connect({ port, host, allowHalfOpen: true }, () => (thenEnd ? socket.end(bytes) : socket.write(bytes)));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${received.length} of ${acks} ACKs received`));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => {
      for (const event of deframe(chunk)) {
        if (event.kind === 'frame') received.push(ackOf(Hl7Message.parse(event.content.toString('utf8'))));
      }
      if (received.length >= acks) {
        clearTimeout(timer);
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
