import * as E from 'fp-ts/lib/Either.js';
import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { componentOf, readHl7, textOf } from './hl7-message.js';
import type { ReceivedObservation, ResultMessage } from './result-message.js';

/** ST (v2.5 gives it 20 characters; v2.7 199): longer is not a control id but a broken header. */
const MAX_CONTROL_ID = 199;
/** Statuses under which an observation has no value: X cannot be obtained, D deleted, N not asked. */
const VALUELESS = new Set(['X', 'D', 'N']);

/** An application or facility (HD): its namespace id, or its universal id when that is all it has. */
const hierarchicDesignator = (msh: Hl7Segment, n: number) => componentOf(msh, n, 1) ?? componentOf(msh, n, 2) ?? '';

/** The specimen an OBR is about: its filler order number, else its placer order number. */
const accessionOf = (obr: Hl7Segment) => componentOf(obr, 3) ?? componentOf(obr, 2);

const observationOf = (obx: Hl7Segment, n: number): E.Either<string, ReceivedObservation> => {
  const code = componentOf(obx, 3, 1);
  if (code === undefined) return E.left(`OBX ${n}: OBX-3 has no code`);
  const valueType = componentOf(obx, 2)?.toUpperCase();
  if (valueType === undefined) return E.left(`OBX ${n}: OBX-2 (value type) is empty`);
  const status = componentOf(obx, 11)?.toUpperCase();
  const value = textOf(obx, 5);
  if (value === '' && !VALUELESS.has(status ?? '')) return E.left(`OBX ${n}: OBX-5 is empty`);
  const name = componentOf(obx, 3, 2);
  const unit = componentOf(obx, 6, 1);
  return E.right({
    code,
    valueType,
    value,
    ...(name === undefined ? {} : { name }),
    ...(unit === undefined ? {} : { unit }),
    ...(status === undefined ? {} : { status }),
  });
};

/**
 * Why a message is refused, and how: AR when it is not a message this listener takes at all (not
 * HL7, not an ORU^R01, no control id), AE when its content is in error (a segment, a field).
 */
export interface Refusal {
  readonly code: 'AE' | 'AR';
  readonly reason: string;
}
const rejected = (reason: string): E.Either<Refusal, never> => E.left({ code: 'AR', reason });
const inError = (reason: string): E.Either<Refusal, never> => E.left({ code: 'AE', reason });

const resultMessageOf = (message: Hl7Message): E.Either<Refusal, ResultMessage> => {
  const msh = message.getSegment(0);
  if (msh?.name !== 'MSH') return rejected('not an HL7 message: it does not start with an MSH segment');
  if (componentOf(msh, 9, 1) !== 'ORU' || componentOf(msh, 9, 2) !== 'R01') return rejected('MSH-9 must be ORU^R01');
  const messageControlId = componentOf(msh, 10);
  if (messageControlId === undefined) return rejected('MSH-10 (message control id) is empty');
  if (messageControlId.length > MAX_CONTROL_ID) return rejected(`MSH-10 (message control id) is longer than ${MAX_CONTROL_ID} characters`);

  const orders = message.getAllSegments('OBR');
  const [first, ...others] = orders;
  if (first === undefined) return inError('no OBR segment');
  const accessionNumber = accessionOf(first);
  // One message, one specimen: results of a second specimen would be filed under the first one's number.
  const other = others.findIndex((obr) => accessionOf(obr) !== accessionNumber);
  if (other >= 0) return inError(`OBR ${other + 2}: OBR-3 (accession number) differs from OBR 1's; send one specimen per message`);

  const observations: ReceivedObservation[] = [];
  for (const [i, obx] of message.getAllSegments('OBX').entries()) {
    const observation = observationOf(obx, i + 1);
    if (E.isLeft(observation)) return inError(observation.left);
    observations.push(observation.right);
  }
  const pid = message.getSegment('PID');
  const patientIdentifier = pid === undefined ? undefined : componentOf(pid, 3, 1);
  return E.right({
    ...(patientIdentifier === undefined ? {} : { patientIdentifier }),
    messageControlId,
    sendingApplication: hierarchicDesignator(msh, 3),
    sendingFacility: hierarchicDesignator(msh, 4),
    ...(accessionNumber === undefined ? {} : { accessionNumber }),
    observations,
  });
};

/**
 * An ORU^R01 as a `ResultMessage`, or why not in words fit for the acknowledgement's text: the
 * segment and field at fault, never a value (values are the patient's). Never throws, whatever
 * the text: it comes from the network.
 */
export const parseResultMessage = (text: string): E.Either<Refusal, ResultMessage> => {
  try {
    const message = readHl7(text);
    return E.isLeft(message) ? rejected(message.left) : resultMessageOf(message.right);
  } catch {
    // The parsing library's own faults, on shapes no test thought of: still a refusal, not a crash.
    return rejected('not a readable HL7 message');
  }
};
