import { randomUUID } from 'node:crypto';
import { Hl7Message, Hl7Segment, type Hl7Context } from '@medplum/core';
import { escapeHl7 } from './hl7-escaping.js';
import { componentOf, headerOf } from './hl7-message.js';
import type { Acknowledgement } from './result-message.js';

/** HL7 table 0357 codes for a refusal, by what its reason says is wrong; the first that matches. */
const REFUSAL_CODES: readonly (readonly [RegExp, string, string])[] = [
  [/^MSH-9\b/, '200', 'Unsupported message type'],
  [/^not an HL7 message|^no \w+ segment/, '100', 'Segment sequence error'],
  [/ is empty\b| has no /, '101', 'Required field missing'],
  [/^MSH-[12] | is longer than /, '102', 'Data type error'],
];
const APPLICATION_ERROR = ['207', 'Application internal error'] as const;

/** Reasons name the field at fault first (`MSH-10 …`, `OBX 2: OBX-3 …`); the ERR segment says it again for machines. */
const LOCATION = /^(?:([A-Z][A-Z0-9]{2}) (\d+)(?: \([^)]*\))?: )?([A-Z][A-Z0-9]{2})-(\d+)\b/;

const errorCodeOf = (ack: Exclude<Acknowledgement, { code: 'AA' }>): readonly [string, string] => {
  const known = ack.code === 'AR' ? REFUSAL_CODES.find(([pattern]) => pattern.test(ack.reason)) : undefined;
  return known === undefined ? APPLICATION_ERROR : [known[1], known[2]];
};

/** ERR as v2.5 lays it out: location (ERR-2), code (ERR-3), severity (ERR-4), the text for people (ERR-8). */
const errSegment = (ack: Exclude<Acknowledgement, { code: 'AA' }>, context: Hl7Context): Hl7Segment => {
  const c = context.componentSeparator;
  const at = LOCATION.exec(ack.reason);
  const location = at === null ? '' : [at[1] ?? at[3], at[2] ?? '1', at[4]].join(c);
  const [code, text] = errorCodeOf(ack);
  return new Hl7Segment(['ERR', '', location, [code, text, 'HL70357'].join(c), 'E', '', '', '', escapeHl7(ack.reason, context)], context);
};

/** HL7's TS in UTC, to the millisecond (the library's writes 7 ms as `.7`). */
const timestampOf = (at: Date) => `${at.toISOString().replace(/[-:T]/g, '').replace('Z', '')}+0000`;

/** MSH-10 is the sender's key for a message: each ACK gets its own, within the 20 characters v2.5 allows. */
const newControlId = () => randomUUID().replaceAll('-', '').slice(0, 20);

/**
 * The ACK answering a message's text: MSA-1 the code, MSA-2 the message's control id, MSA-3 the
 * reason (`OK` for AA), and an ERR segment for AE and AR. It speaks the sender's delimiters and version back.
 * Text that is not HL7 at all is still answered, with whatever control id its header yields.
 */
export const acknowledgementText = (incoming: string, ack: Acknowledgement, at: Date = new Date()): string => {
  const header = headerOf(incoming) ?? new Hl7Message([new Hl7Segment(['MSH'])]);
  const reply = header.buildAck({ ackCode: ack.code, ...(ack.code === 'AA' ? {} : { errSegment: errSegment(ack, header.context) }) });
  const msh = reply.getSegment('MSH');
  const msa = reply.getSegment('MSA');
  msh?.setField(7, timestampOf(at));
  msh?.setField(10, newControlId());
  const processingId = componentOf(header.header, 11);
  if (processingId !== undefined) msh?.setField(11, escapeHl7(processingId, header.context));
  if (ack.code !== 'AA') msa?.setField(3, escapeHl7(ack.reason, header.context));
  return reply.toString();
};
