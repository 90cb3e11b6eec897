import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { IsoDateTime, LongText } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import type { ParkedResultCommand } from './parked-result.commands.js';
import { parkedResultDecider } from './parked-result.decider.js';
import type { ParkedResultEvent } from './parked-result.events.js';

const given = specFor(parkedResultDecider);
const at = '2026-03-02T09:00:00.000Z' as IsoDateTime;
const TECHNICIAN = 'technician-1';
const stamp = { at, actorId: TECHNICIAN };

const parked: ParkedResultEvent = {
  type: 'ResultsParked',
  data: {
    parkedId: 'parked-1',
    reason: 'unknown-accession',
    detail: 'no order has a specimen S26-0999',
    sendingApplication: 'COBAS',
    sendingFacility: 'MAIN-LAB',
    messageControlId: 'MSG-7',
    observations: [{ code: '2823-3', valueType: 'NM', value: '4.2', unit: 'mmol/L' }],
    receivedAt: at,
    accessionNumber: 'S26-0999',
  },
};
const park: ParkedResultCommand = { type: 'ParkResults', ...stamp, ...parked.data };
const assign: ParkedResultCommand = { type: 'AssignParkedResults', ...stamp, labOrderId: 'lab-order-1', patientId: 'patient-1' };
const discard: ParkedResultCommand = { type: 'DiscardParkedResults', ...stamp, reason: 'Quality-control run, not a patient' };
const assigned: ParkedResultEvent = {
  type: 'ParkedResultsAssigned',
  data: { labOrderId: 'lab-order-1', patientId: 'patient-1', assignedBy: TECHNICIAN, assignedAt: at },
};
const discarded: ParkedResultEvent = {
  type: 'ParkedResultsDiscarded',
  data: { reason: 'Quality-control run, not a patient' as LongText, discardedBy: TECHNICIAN, discardedAt: at },
};
const kindOf = (history: readonly ParkedResultEvent[], command: ParkedResultCommand) => {
  const result = given(history).when(command).result;
  return E.isLeft(result) ? result.left.kind : 'accepted';
};

describe('Parked results', () => {
  describe('when parked', () => {
    it('keeps the message’s results for a technician', () => given([]).when(park).then([parked]));
    it('parks a message sent again once', () => given([parked]).when(park).then([]));
    it('parks nothing again once resolved', () => given([parked, assigned]).when(park).then([]));
  });

  describe('when the order will not take them', () => {
    const giveBack = (labOrderId = 'lab-order-1'): ParkedResultCommand => ({
      type: 'ReturnParkedResults',
      ...stamp,
      labOrderId,
      reason: 'SPECIMEN_NOT_RECEIVED',
    });
    const returned: ParkedResultEvent = {
      type: 'ParkedResultsReturned',
      data: { labOrderId: 'lab-order-1', reason: 'SPECIMEN_NOT_RECEIVED', returnedAt: at },
    };
    it('parks them again, with why', () => given([parked, assigned]).when(giveBack()).then([returned]));
    it('returns them once', () => given([parked, assigned, returned]).when(giveBack()).then([]));
    it('returns nothing for an assignment no longer in force', () => given([parked, assigned]).when(giveBack('lab-order-2')).then([]));
    it('lets them be assigned again once returned', () => given([parked, assigned, returned]).when(assign).then([assigned]));
  });

  describe('when assigned to an order', () => {
    it('records the order, who assigned them and when', () => given([parked]).when(assign).then([assigned]));
    it('refuses results assigned already with 409 PARKED_RESULTS_RESOLVED', () => {
      given([parked, assigned]).when(assign).thenFails('PARKED_RESULTS_RESOLVED');
      expect(kindOf([parked, assigned], assign)).to.equal('conflict');
    });
    it('refuses discarded results with 409 PARKED_RESULTS_RESOLVED', () =>
      given([parked, discarded]).when(assign).thenFails('PARKED_RESULTS_RESOLVED'));
    it('refuses unknown parked results with 404 PARKED_RESULTS_NOT_FOUND', () => {
      given([]).when(assign).thenFails('PARKED_RESULTS_NOT_FOUND');
      expect(kindOf([], assign)).to.equal('not-found');
    });
  });

  describe('when discarded', () => {
    it('records why, who and when', () => given([parked]).when(discard).then([discarded]));
    it('refuses results discarded already with 409 PARKED_RESULTS_RESOLVED', () =>
      given([parked, discarded]).when(discard).thenFails('PARKED_RESULTS_RESOLVED'));
    it('refuses assigned results with 409 PARKED_RESULTS_RESOLVED', () =>
      given([parked, assigned]).when(discard).thenFails('PARKED_RESULTS_RESOLVED'));
    it('refuses unknown parked results with 404 PARKED_RESULTS_NOT_FOUND', () =>
      given([]).when(discard).thenFails('PARKED_RESULTS_NOT_FOUND'));
  });
});
