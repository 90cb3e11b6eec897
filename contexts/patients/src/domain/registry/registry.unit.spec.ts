import { specFor } from '@hcms/shared-kernel/testing';
import type { Mrn } from '../patient/patient.values.js';
import { mrnReservation } from './mrn-reservation.js';
import { patientIdentity } from './patient-identity.js';

describe('MRN reservation', () => {
  const given = specFor(mrnReservation);
  const mrn = 'MRN-12345674' as Mrn;
  it('reserves a free number', () =>
    given([])
      .when({ type: 'ReserveMrn', mrn, patientId: 'p1' })
      .then([{ type: 'MrnReserved', data: { mrn, patientId: 'p1' } }]));
  it('never hands a number out twice', () =>
    given([{ type: 'MrnReserved', data: { mrn, patientId: 'p1' } }])
      .when({ type: 'ReserveMrn', mrn, patientId: 'p2' })
      .thenFails('MRN_TAKEN'));
});

describe('Patient identity index', () => {
  const given = specFor(patientIdentity);
  it('remembers each patient under the identity once', () => {
    given([])
      .when({ type: 'ClaimIdentity', patientId: 'p1' })
      .then([{ type: 'IdentityClaimed', data: { patientId: 'p1' } }]);
    given([{ type: 'IdentityClaimed', data: { patientId: 'p1' } }])
      .when({ type: 'ClaimIdentity', patientId: 'p1' })
      .then([]);
  });
});
