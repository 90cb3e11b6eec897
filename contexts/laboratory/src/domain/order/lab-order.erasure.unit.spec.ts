import { expect } from 'chai';
import { laboratoryPersonalData } from '../../contract.js';
import type { LabOrderEvent } from './lab-order.events.js';
import {
  ACCESSION,
  after,
  at,
  callback,
  cancel,
  CHLORIDE,
  collect,
  correct,
  criticalFinal,
  enter,
  erase,
  everyCommand,
  given,
  LAB_ORDER,
  MANUAL,
  NEXT_ACCESSION,
  numeric,
  orderAfter,
  OTHER_PATIENT,
  place,
  POTASSIUM,
  receive,
  refusalOf,
  reject,
  SODIUM,
  stateAfter,
  TECHNICIAN,
  verify,
} from './lab-order.fixtures.js';

const erased: LabOrderEvent = { type: 'LabOrderDetailsErased', data: { erasedAt: at } };
/** Every kind of word and value an order holds about its patient. */
const full = after(
  [],
  place({ note: 'Patient fasting since midnight' }),
  collect(),
  reject(ACCESSION, 'Pink serum'),
  collect(NEXT_ACCESSION),
  receive(NEXT_ACCESSION),
  enter([numeric(SODIUM, 140), numeric(POTASSIUM, 6.8), numeric(CHLORIDE, 101)], TECHNICIAN, MANUAL, NEXT_ACCESSION),
  verify(),
  callback(`${LAB_ORDER}.1`, false),
  correct([numeric(POTASSIUM, 3.9)]),
  verify(),
);
const cancelled = after([], place(), cancel('Ordered for the wrong patient'));
/** The log as it reads once the patient's key is destroyed. */
const asRead = (events: readonly LabOrderEvent[]): LabOrderEvent[] =>
  events.map(
    (e) =>
      ({
        ...e,
        data: {
          ...e.data,
          ...Object.fromEntries(Object.entries(laboratoryPersonalData[`laboratory.${e.type}`] ?? {}).filter(([field]) => field in e.data)),
        },
      }) as LabOrderEvent,
  );

describe('Lab order', () => {
  describe('when its patient is erased', () => {
    it('forgets the details once', () => given(full).when(erase()).then([erased]));
    it('records nothing on a second erasure (a redelivered policy)', () =>
      given([...full, erased])
        .when(erase())
        .then([]));
    it('answers 404 to an erasure naming another patient', () =>
      expect(refusalOf(full, erase(OTHER_PATIENT))).to.include({ kind: 'not-found', code: 'LAB_ORDER_NOT_FOUND' }));
    it('answers 404 to an erasure of no order', () => given([]).when(erase()).thenFails('LAB_ORDER_NOT_FOUND'));

    it('keeps what the log keeps once the key is destroyed, and no more', () => {
      expect(stateAfter([...full, erased])).to.deep.equal(stateAfter([...asRead(full), erased]));
      expect(stateAfter([...cancelled, erased])).to.deep.equal(stateAfter([...asRead(cancelled), erased]));
    });
    it('keeps no word nor value of the patient’s', () => {
      const kept = JSON.stringify([orderAfter([...full, erased]), orderAfter([...cancelled, erased])]);
      for (const words of ['fasting', 'Pink serum', 'Sample swap', '6.8', '3.9', 'wrong patient']) {
        expect(JSON.stringify([orderAfter(full), orderAfter(cancelled)])).to.include(words);
        expect(kept).not.to.include(words);
      }
    });
    it('keeps the tests, the workflow and the alerts, for Billing and the audit', () =>
      expect(orderAfter([...full, erased])).to.deep.include({ status: 'corrected', tests: orderAfter(full).tests, erased: true }));

    for (const [what, command] of everyCommand().filter(([, c]) => c.type !== 'PlaceLabOrder')) {
      it(`refuses ${what} afterwards with 410 PATIENT_ERASED`, () =>
        expect(refusalOf([...full, erased], command)).to.include({ kind: 'gone', code: 'PATIENT_ERASED' }));
    }
    it('takes the same order delivered again afterwards as placed (a replayed subscription settles)', () =>
      given([...full, erased])
        .when(place())
        .then([]));
    it('refuses another order under its id afterwards with 410 PATIENT_ERASED', () =>
      expect(
        refusalOf([...full, erased], { ...place(), source: { kind: 'encounter', encounterId: 'other', placerOrderId: 'other' } }),
      ).to.include({
        kind: 'gone',
        code: 'PATIENT_ERASED',
      }));
  });

  describe('when asked about by another patient', () => {
    for (const [what, command] of everyCommand(OTHER_PATIENT).filter(([, c]) => c.type !== 'PlaceLabOrder')) {
      it(`refuses ${what} with 404 LAB_ORDER_NOT_FOUND`, () =>
        expect(refusalOf(criticalFinal, command)).to.include({ kind: 'not-found', code: 'LAB_ORDER_NOT_FOUND' }));
    }
  });

  describe('when it does not exist', () => {
    for (const [what, command] of everyCommand().filter(([, c]) => c.type !== 'PlaceLabOrder')) {
      it(`refuses ${what} with 404 LAB_ORDER_NOT_FOUND`, () => given([]).when(command).thenFails('LAB_ORDER_NOT_FOUND'));
    }
  });
});
