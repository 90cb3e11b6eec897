import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '@hcms/shared-kernel/testing';
import type { Mrn } from '../patient/patient.values.js';
import { mrnReservation } from './mrn-reservation.js';
import { identityIndex } from './identity-index.js';
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
      .when({ type: 'ClaimIdentity', patientId: 'p1', notADuplicate: false })
      .then([{ type: 'IdentityClaimed', data: { patientId: 'p1' } }]);
    given([{ type: 'IdentityClaimed', data: { patientId: 'p1' } }])
      .when({ type: 'ClaimIdentity', patientId: 'p1', notADuplicate: false })
      .then([]);
  });
  it('refuses a second patient under the identity as a possible duplicate, naming the candidates', () => {
    const refused = patientIdentity.decide({ type: 'ClaimIdentity', patientId: 'p2', notADuplicate: false }, { patientIds: ['p1'] });
    expect(E.isLeft(refused) && refused.left).to.deep.include({
      code: 'POSSIBLE_DUPLICATE',
      details: { candidates: ['p1'], hint: 'check the candidates; resend with notADuplicate: true if this is another person' },
    });
  });
  it('claims for a second patient the registrar says is another person', () =>
    given([{ type: 'IdentityClaimed', data: { patientId: 'p1' } }])
      .when({ type: 'ClaimIdentity', patientId: 'p2', notADuplicate: true })
      .then([{ type: 'IdentityClaimed', data: { patientId: 'p2' } }]));
});

describe('Patient identity index, released claims', () => {
  const given = specFor(patientIdentity);
  const claimed = (patientId: string) => ({ type: 'IdentityClaimed' as const, data: { patientId } });
  it('forgets a claim whose registration was refused, so it is no longer a candidate', () => {
    given([claimed('p1'), claimed('p2')])
      .when({ type: 'ReleaseIdentity', patientId: 'p2' })
      .then([{ type: 'IdentityReleased', data: { patientId: 'p2' } }]);
    given([claimed('p1'), claimed('p2'), { type: 'IdentityReleased', data: { patientId: 'p2' } }])
      .when({ type: 'ClaimIdentity', patientId: 'p3', notADuplicate: true })
      .then([claimed('p3')]);
    given([claimed('p2'), { type: 'IdentityReleased', data: { patientId: 'p2' } }])
      .when({ type: 'ClaimIdentity', patientId: 'p3', notADuplicate: false })
      .then([claimed('p3')]);
  });
  it('releases nothing it never held', () =>
    given([claimed('p1')])
      .when({ type: 'ReleaseIdentity', patientId: 'p9' })
      .then([]));
});

describe('Identity index rebuild marker', () => {
  const given = specFor(identityIndex);
  it('is recorded once per secret', () => {
    given([])
      .when({ type: 'MarkIndexBuilt', upTo: 42 })
      .then([{ type: 'IdentityIndexBuilt', data: { upTo: 42 } }]);
    given([{ type: 'IdentityIndexBuilt', data: { upTo: 42 } }])
      .when({ type: 'MarkIndexBuilt', upTo: 50 })
      .then([]);
  });
});
