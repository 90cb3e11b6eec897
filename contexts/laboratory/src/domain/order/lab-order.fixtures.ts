/**
 * Shared givens of the Lab order specs: one patient, an electrolytes panel on serum with its own
 * test definitions (the specs do not lean on the starter catalogue's numbers), the people of the
 * workflow, and builders for the commands and the histories they leave.
 */
import * as E from 'fp-ts/lib/Either.js';
import { replay, type DomainError, type IsoDateTime } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import { interpret } from '../catalogue/interpretation.js';
import type { AnalyteTest, CodedTest, LoincCode, NumericTest, Panel } from '../catalogue/test-definition.js';
import type * as C from './lab-order.commands.js';
import { labOrderDecider } from './lab-order.decider.js';
import type { LabOrderEvent } from './lab-order.events.js';
import type { LabOrder } from './lab-order.state.js';
import type { AnalyteResult, ResultSource } from './lab-order.values.js';

export const given = specFor(labOrderDecider);
export const stateAfter = (history: readonly LabOrderEvent[]) => replay(labOrderDecider, history);
export const orderAfter = (history: readonly LabOrderEvent[]): LabOrder => {
  const state = stateAfter(history);
  if (state.status === 'none') throw new Error('no lab order in this history');
  return state;
};
export const refusalOf = (history: readonly LabOrderEvent[], command: C.LabOrderCommand): DomainError => {
  const result = given(history).when(command).result;
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
};
export const eventsOf = (history: readonly LabOrderEvent[], command: C.LabOrderCommand): readonly LabOrderEvent[] => {
  const result = given(history).when(command).result;
  if (E.isLeft(result)) throw new Error(`expected events, got refusal ${result.left.code}`);
  return result.right;
};
/** The history after `commands`, each decided on what the ones before it recorded. */
export const after = (history: readonly LabOrderEvent[], ...commands: C.LabOrderCommand[]): readonly LabOrderEvent[] =>
  commands.reduce<readonly LabOrderEvent[]>((h, command) => [...h, ...eventsOf(h, command)], history);

export const iso = (s: string) => s as IsoDateTime;
const loinc = (s: string) => s as LoincCode;

export const PATIENT = 'patient-1';
export const OTHER_PATIENT = 'patient-2';
export const CLINICIAN = 'clinician-house';
export const PHLEBOTOMIST = 'phlebotomist-1';
export const TECHNICIAN = 'technician-1';
export const VERIFIER = 'technician-2';
export const LAB_ORDER = 'lab-order-1';
export const ACCESSION = 'S26-0001';
export const NEXT_ACCESSION = 'S26-0002';
export const at = iso('2026-03-02T09:00:00.000Z');
export const collectedAt = iso('2026-03-02T08:30:00.000Z');
export const COLLECTED_ON = '2026-03-02';

/** Who asks, when, and for which patient. */
export const by = (actorId: string, patientId = PATIENT) => ({ at, actorId, patientId });

// --- Test definitions, by hand.
const serum = (
  code: string,
  name: string,
  unit: string,
  normal: [number, number],
  critical: [number, number],
  absolute: [number, number],
) =>
  ({
    kind: 'numeric',
    code: loinc(code),
    name,
    specimenType: 'serum',
    unit,
    decimals: 1,
    referenceRanges: [{ low: normal[0], high: normal[1] }],
    critical: { low: critical[0], high: critical[1] },
    absolute: { min: absolute[0], max: absolute[1] },
  }) satisfies NumericTest;
export const SODIUM = serum('2951-2', 'Sodium', 'mmol/L', [135, 145], [120, 160], [80, 200]);
export const POTASSIUM = serum('2823-3', 'Potassium', 'mmol/L', [3.4, 5.0], [2.6, 6.2], [1, 12]);
export const CHLORIDE = serum('2075-0', 'Chloride', 'mmol/L', [98, 107], [80, 120], [50, 150]);
export const GLUCOSE = serum('2345-7', 'Glucose', 'mmol/L', [3.9, 5.5], [2.5, 25], [0.5, 60]);
export const ELECTROLYTES: Panel = {
  kind: 'panel',
  code: loinc('24326-1'),
  name: 'Electrolytes panel',
  specimenType: 'serum',
  members: [SODIUM.code, POTASSIUM.code, CHLORIDE.code],
};
export const URINE_PROTEIN: CodedTest = {
  kind: 'coded',
  code: loinc('20454-5'),
  name: 'Protein, urine dipstick',
  specimenType: 'urine',
  answers: [
    { code: 'negative', display: 'Negative' },
    { code: '1+', display: '1+', abnormal: true },
  ],
};
export const DEFINITIONS: readonly AnalyteTest[] = [SODIUM, POTASSIUM, CHLORIDE, GLUCOSE, URINE_PROTEIN];
export const SUBJECT: C.Subject = { sex: 'female', birthDate: '1980-05-17' };

// --- Commands.
export const SOURCE = { kind: 'encounter', encounterId: 'encounter-1', placerOrderId: LAB_ORDER } as const;
export const MANUAL: ResultSource = { kind: 'manual' };
export const hl7 = (messageControlId: string): ResultSource => ({
  kind: 'hl7',
  sendingApplication: 'COBAS',
  sendingFacility: 'MAIN-LAB',
  messageControlId,
});

export const place = (overrides: Partial<C.LabOrderCommandOf<'PlaceLabOrder'>> = {}): C.LabOrderCommandOf<'PlaceLabOrder'> => ({
  type: 'PlaceLabOrder',
  ...by(CLINICIAN),
  labOrderId: LAB_ORDER,
  source: SOURCE,
  tests: [ELECTROLYTES],
  members: [SODIUM, POTASSIUM, CHLORIDE],
  priority: 'routine',
  ...overrides,
});
export const collect = (
  accessionNumber = ACCESSION,
  overrides: Partial<C.LabOrderCommandOf<'CollectSpecimen'>> = {},
): C.LabOrderCommand => ({
  type: 'CollectSpecimen',
  ...by(PHLEBOTOMIST),
  accessionNumber,
  specimenType: 'serum',
  collectedAt,
  ...overrides,
});
export const receive = (accessionNumber = ACCESSION, actorId = TECHNICIAN): C.LabOrderCommand => ({
  type: 'ReceiveSpecimen',
  ...by(actorId),
  accessionNumber,
});
export const reject = (accessionNumber = ACCESSION, note?: string): C.LabOrderCommand => ({
  type: 'RejectSpecimen',
  ...by(TECHNICIAN),
  accessionNumber,
  reason: 'hemolysed',
  ...(note === undefined ? {} : { note }),
});
export const numeric = (test: { code: string }, value: number): C.EnteredResult => ({ code: test.code, value: { kind: 'numeric', value } });
export const enter = (
  results: readonly C.EnteredResult[],
  actorId = TECHNICIAN,
  source: ResultSource = MANUAL,
  accessionNumber = ACCESSION,
): C.LabOrderCommandOf<'EnterResults'> => ({
  type: 'EnterResults',
  ...by(actorId),
  accessionNumber,
  results,
  source,
  definitions: DEFINITIONS,
  subject: SUBJECT,
});
export const verify = (actorId = VERIFIER): C.LabOrderCommand => ({ type: 'VerifyResults', ...by(actorId) });
export const correct = (results: readonly C.EnteredResult[], actorId = TECHNICIAN): C.LabOrderCommandOf<'CorrectResults'> => ({
  type: 'CorrectResults',
  ...by(actorId),
  reason: 'Sample swap with the neighbouring tube',
  results,
  definitions: DEFINITIONS,
  subject: SUBJECT,
});
export const callback = (alertId: string, readBack: boolean, calledAt: string = at): C.LabOrderCommand => ({
  type: 'RecordCriticalCallback',
  ...by(TECHNICIAN),
  alertId,
  reached: { name: 'Dr. Cameron', role: 'covering-clinician' },
  readBack,
  calledAt,
});
export const cancel = (reason?: string): C.LabOrderCommand => ({
  type: 'CancelLabOrder',
  ...by(CLINICIAN),
  ...(reason === undefined ? {} : { reason }),
});
export const erase = (patientId = PATIENT): C.LabOrderCommand => ({ type: 'EraseDetails', ...by('policy:erasure', patientId) });

/** A result as the catalogue above reads it for the patient on the day of collection. */
export const interpreted = (test: AnalyteTest, value: C.EnteredValue): AnalyteResult => {
  const result = interpret(test, value, SUBJECT, COLLECTED_ON, 'body.results.0.value');
  if (E.isLeft(result)) throw new Error(`expected an interpretation, got ${result.left.code}`);
  return result.right;
};
export const read = (test: NumericTest, value: number): AnalyteResult => interpreted(test, { kind: 'numeric', value });

// --- Histories.
export const placed: LabOrderEvent = {
  type: 'LabOrderPlaced',
  data: {
    labOrderId: LAB_ORDER,
    patientId: PATIENT,
    orderingClinicianId: CLINICIAN,
    source: SOURCE,
    specimenType: 'serum',
    tests: [{ code: ELECTROLYTES.code, name: ELECTROLYTES.name }],
    analytes: [SODIUM, POTASSIUM, CHLORIDE].map((t) => ({ code: t.code, name: t.name, panel: ELECTROLYTES.code })),
    priority: 'routine',
    orderedAt: at,
  },
};
export const NORMAL = [numeric(SODIUM, 140), numeric(POTASSIUM, 4.2), numeric(CHLORIDE, 101)];
export const ordered: readonly LabOrderEvent[] = [placed];
export const collected = after(ordered, collect());
export const received = after(collected, receive());
export const resulted = after(received, enter(NORMAL));
export const final = after(resulted, verify());
/** A final report whose potassium is critical, its alert `lab-order-1.1` open. */
export const criticalFinal = after(received, enter([numeric(SODIUM, 140), numeric(POTASSIUM, 6.8), numeric(CHLORIDE, 101)]), verify());
export const corrected = after(final, correct([numeric(POTASSIUM, 3.9)]), verify());

/** One of every command on an existing order, as its people would send it. */
export const everyCommand = (patientId = PATIENT): readonly (readonly [string, C.LabOrderCommand])[] =>
  (
    [
      ['placing it again', place()],
      ['a collection', collect(NEXT_ACCESSION)],
      ['a receipt', receive()],
      ['a rejection', reject()],
      ['results', enter(NORMAL)],
      ['a verification', verify()],
      ['a correction', correct([numeric(POTASSIUM, 3.9)])],
      ['a critical callback', callback(`${LAB_ORDER}.1`, true)],
      ['a cancellation', cancel()],
    ] as const
  ).map(([what, command]) => [what, { ...command, patientId }] as const);
