import { expect } from 'chai';
import { wireType, type StoredEvent } from '@hcms/shared-kernel';
import { parkedResultEvents, parkedResultStream, type ParkedResultEvent } from '@hcms/laboratory/contract';
import { fold, PATIENT } from '../encounters/encounter.fixtures.js';
import { TECH } from './lab-order.fixtures.js';
import { parkedResultsProjection } from './parked-results.projection.js';

const PARKED = '0190f5c2-0000-7000-8000-0000000006a1';
const ORDER = '0190f5c2-0000-7000-8000-0000000006b1';

const inbox = (events: readonly (readonly [ParkedResultEvent['type'], object])[]): StoredEvent[] =>
  events.map(([type, data], i) => ({
    id: `${PARKED}-${i + 1}`,
    type: wireType(parkedResultEvents, type),
    streamId: parkedResultStream(PARKED),
    version: i + 1,
    position: 20_000 + i,
    recordedAt: '2026-03-02T12:00:00.000Z',
    data,
    metadata: { actor: { id: TECH, role: 'lab-technician' }, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
  }));

const parked = [
  'ResultsParked',
  {
    parkedId: PARKED,
    reason: 'unknown-accession',
    detail: 'no order has a specimen ACC-7777',
    sendingApplication: 'ANALYSER',
    sendingFacility: 'LAB',
    messageControlId: 'MSG-1',
    observations: [{ code: '2823-3', valueType: 'NM', value: '4.4', unit: 'mmol/L' }],
    receivedAt: '2026-03-02T11:00:00.000Z',
    accessionNumber: 'ACC-7777',
  },
] as const;
const assigned = [
  'ParkedResultsAssigned',
  { labOrderId: ORDER, patientId: PATIENT, assignedBy: TECH, assignedAt: '2026-03-02T11:10:00.000Z' },
] as const;
const returned = [
  'ParkedResultsReturned',
  { labOrderId: ORDER, reason: 'LAB_ORDER_CANCELLED', returnedAt: '2026-03-02T11:11:00.000Z' },
] as const;

describe('Results no order could take', () => {
  it('are that patient’s once assigned to an order', () => {
    expect(fold(parkedResultsProjection, inbox([parked, assigned]))).to.deep.include({ status: 'assigned', patientId: PATIENT });
  });

  it('are parked again, no one’s, with the order’s reason, when the order would not take them', () => {
    const back = fold(parkedResultsProjection, inbox([parked, assigned, returned]));
    expect(back).to.deep.include({
      status: 'parked',
      returned: { labOrderId: ORDER, reason: 'LAB_ORDER_CANCELLED', returnedAt: '2026-03-02T11:11:00.000Z' },
    });
    expect(back).not.to.have.any.keys('patientId', 'assigned');
  });

  it('ignore a return of results not assigned', () => {
    expect(fold(parkedResultsProjection, inbox([parked, returned]))).to.deep.include({ status: 'parked' });
    expect(fold(parkedResultsProjection, inbox([parked, returned]))).not.to.have.property('returned');
  });
});
