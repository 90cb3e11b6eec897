/**
 * What an ORU^R01 message says, in the shape the application takes: no HL7 left in it but the
 * codes and values as the analyser sent them. Field names follow Laboratory's `ReceivedObservation`.
 */
export interface ReceivedObservation {
  /** OBX-3.1: the test's code (LOINC, or the analyser's own). */
  readonly code: string;
  /** OBX-3.2. */
  readonly name?: string;
  /** OBX-2: NM, SN, CWE, ST… */
  readonly valueType: string;
  /** OBX-5 as sent, unescaped; components joined with `^` (SN `<^10`, CWE `POS^Positive^L`), repetitions with `~`. */
  readonly value: string;
  /** OBX-6.1. */
  readonly unit?: string;
  /** OBX-11: F final, P preliminary, C corrected, X cannot be obtained… */
  readonly status?: string;
}

export interface ResultMessage {
  /** MSH-10: the sender's id of this message; a message sent again carries the same one. */
  readonly messageControlId: string;
  /** MSH-3 (its namespace id, or its universal id when that is all it has). */
  readonly sendingApplication: string;
  /** MSH-4, read like MSH-3. */
  readonly sendingFacility: string;
  /** OBR-3.1, the filler order number (the specimen's accession number); OBR-2.1 when OBR-3 is empty. */
  readonly accessionNumber?: string;
  /** PID-3.1, the patient's identifier as the sender has it (our MRN, when the sender had it from us). */
  readonly patientIdentifier?: string;
  /** Every OBX, in message order. */
  readonly observations: readonly ReceivedObservation[];
}

/** What the sender is told: accepted, or refused with a reason (AE: its content is in error; AR: rejected, or not now). */
export type Acknowledgement = { readonly code: 'AA' } | { readonly code: 'AE' | 'AR'; readonly reason: string };
