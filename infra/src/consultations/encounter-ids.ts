import { createHash } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';

/** The namespace of encounter ids derived from appointment ids (a fixed, random UUID). */
const APPOINTMENT_ENCOUNTERS = '6f1d8a52-3c07-4b8e-9a51-2f4c6b0e7d93';

/** The one encounter an appointment may have: a name-based UUID (RFC 9562 v5) of the appointment's id. */
export const encounterIdFor = (appointmentId: string): string => uuidV5(appointmentId, APPOINTMENT_ENCOUNTERS);

/** SHA-256 of the text's UTF-8 bytes, in hex: what a signature over an encounter's content records. */
export const sha256Hex = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');
