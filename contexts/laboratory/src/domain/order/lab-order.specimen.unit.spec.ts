import { expect } from 'chai';
import type { LabOrderEvent } from './lab-order.events.js';
import {
  ACCESSION,
  after,
  at,
  cancel,
  collect,
  collected,
  collectedAt,
  enter,
  given,
  iso,
  NEXT_ACCESSION,
  NORMAL,
  orderAfter,
  ordered,
  PHLEBOTOMIST,
  receive,
  received,
  refusalOf,
  reject,
  resulted,
  TECHNICIAN,
} from './lab-order.fixtures.js';

const collectedEvent = (accessionNumber = ACCESSION): LabOrderEvent => ({
  type: 'SpecimenCollected',
  data: { accessionNumber, specimenType: 'serum', collectorId: PHLEBOTOMIST, collectedAt, recordedAt: at },
});
const rejected = after(collected, reject());
const recollected = after(rejected, collect(NEXT_ACCESSION));

describe('Lab order', () => {
  describe('when its specimen is collected', () => {
    it('records the specimen, who drew it and when', () => given(ordered).when(collect()).then([collectedEvent()]));
    it('becomes collected', () => expect(orderAfter(collected).status).to.equal('collected'));
    it('records nothing when the same specimen is sent again', () => given(collected).when(collect()).then([]));
    it('records nothing when the same specimen is sent again after its receipt', () => given(received).when(collect()).then([]));
    it('refuses another specimen while one is collected with 409 SPECIMEN_ALREADY_COLLECTED', () =>
      expect(refusalOf(collected, collect(NEXT_ACCESSION))).to.include({ kind: 'conflict', code: 'SPECIMEN_ALREADY_COLLECTED' }));
    it('refuses another specimen while one is received with 409 SPECIMEN_ALREADY_COLLECTED', () =>
      given(received).when(collect(NEXT_ACCESSION)).thenFails('SPECIMEN_ALREADY_COLLECTED'));
    it('refuses a specimen of another type with 422 WRONG_SPECIMEN_TYPE', () =>
      expect(refusalOf(ordered, collect(ACCESSION, { specimenType: 'urine' }))).to.deep.include({
        kind: 'invariant',
        code: 'WRONG_SPECIMEN_TYPE',
        problems: [{ path: 'body.specimenType', rule: 'must be serum' }],
      }));
    it('refuses a collection time in the future with 422 COLLECTED_IN_FUTURE', () =>
      expect(refusalOf(ordered, collect(ACCESSION, { collectedAt: iso('2026-03-02T09:00:00.001Z') }))).to.deep.include({
        kind: 'invariant',
        code: 'COLLECTED_IN_FUTURE',
        problems: [{ path: 'body.collectedAt', rule: 'must not be in the future' }],
      }));
    it('takes a collection at the very moment of the command', () =>
      given(ordered)
        .when(collect(ACCESSION, { collectedAt: at }))
        .then([{ type: 'SpecimenCollected', data: { ...collectedEvent().data, collectedAt: at } } as LabOrderEvent]));
    it('refuses a collection on a cancelled order with 409 LAB_ORDER_CANCELLED', () =>
      expect(refusalOf(after(ordered, cancel()), collect())).to.include({ kind: 'conflict', code: 'LAB_ORDER_CANCELLED' }));
  });

  describe('when its specimen is received', () => {
    it('records who received it and when', () =>
      given(collected)
        .when(receive())
        .then([{ type: 'SpecimenReceived', data: { accessionNumber: ACCESSION, receivedBy: TECHNICIAN, receivedAt: at } }]));
    it('becomes received', () => expect(orderAfter(received)).to.deep.include({ status: 'received' }));
    it('records nothing when received again', () => given(received).when(receive()).then([]));
    it('refuses an accession number not the order’s with 404 SPECIMEN_NOT_FOUND', () =>
      expect(refusalOf(collected, receive(NEXT_ACCESSION))).to.include({ kind: 'not-found', code: 'SPECIMEN_NOT_FOUND' }));
    it('refuses a receipt before any collection with 409 SPECIMEN_NOT_COLLECTED', () =>
      expect(refusalOf(ordered, receive())).to.include({ kind: 'conflict', code: 'SPECIMEN_NOT_COLLECTED' }));
    it('refuses a rejected specimen with 409 SPECIMEN_REJECTED', () =>
      expect(refusalOf(rejected, receive())).to.include({ kind: 'conflict', code: 'SPECIMEN_REJECTED' }));
    it('refuses the rejected specimen after a new one was collected with 409 SPECIMEN_REJECTED', () =>
      given(recollected).when(receive()).thenFails('SPECIMEN_REJECTED'));
    it('refuses a receipt on a cancelled order with 409 LAB_ORDER_CANCELLED', () =>
      given(after(collected, cancel())).when(receive()).thenFails('LAB_ORDER_CANCELLED'));
  });

  describe('when its specimen is rejected', () => {
    it('records why, who and when', () =>
      given(collected)
        .when(reject(ACCESSION, 'Pink serum'))
        .then([
          {
            type: 'SpecimenRejected',
            data: { accessionNumber: ACCESSION, reason: 'hemolysed', rejectedBy: TECHNICIAN, rejectedAt: at, note: 'Pink serum' },
          } as LabOrderEvent,
        ]));
    it('rejects a received specimen too', () =>
      expect(orderAfter(after(received, reject())).specimen?.rejected).to.deep.equal({ reason: 'hemolysed', by: TECHNICIAN, at }));
    it('asks for a new specimen: the order is to recollect, never cancelled', () =>
      expect(orderAfter(rejected).status).to.equal('recollect'));
    it('records nothing when rejected again', () => given(rejected).when(reject()).then([]));
    it('collects a new specimen under a new accession number', () => {
      given(rejected)
        .when(collect(NEXT_ACCESSION))
        .then([collectedEvent(NEXT_ACCESSION)]);
      const order = orderAfter(recollected);
      expect(order.status).to.equal('collected');
      expect(order.specimen?.accessionNumber).to.equal(NEXT_ACCESSION);
      expect(order.rejectedSpecimens.map((s) => s.accessionNumber)).to.deep.equal([ACCESSION]);
    });
    it('refuses the rejected accession number for the new specimen with 409 SPECIMEN_REJECTED', () =>
      expect(refusalOf(rejected, collect())).to.include({ kind: 'conflict', code: 'SPECIMEN_REJECTED' }));
    it('refuses a specimen with results with 409 RESULTS_ENTERED', () =>
      expect(refusalOf(resulted, reject())).to.include({ kind: 'conflict', code: 'RESULTS_ENTERED' }));
    it('refuses an accession number not the order’s with 404 SPECIMEN_NOT_FOUND', () =>
      given(collected).when(reject(NEXT_ACCESSION)).thenFails('SPECIMEN_NOT_FOUND'));
    it('refuses a rejection before any collection with 409 SPECIMEN_NOT_COLLECTED', () =>
      given(ordered).when(reject()).thenFails('SPECIMEN_NOT_COLLECTED'));
    it('refuses a rejection on a cancelled order with 409 LAB_ORDER_CANCELLED', () =>
      given(after(collected, cancel())).when(reject()).thenFails('LAB_ORDER_CANCELLED'));
    it('refuses later results on the rejected specimen with 409 SPECIMEN_REJECTED', () =>
      expect(refusalOf(after(received, reject()), enter(NORMAL))).to.include({ kind: 'conflict', code: 'SPECIMEN_REJECTED' }));
  });
});
