import { patientEvents, patientStream } from '@hcms/patients';
import { wireType, type EventStore } from '@hcms/shared-kernel';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { lanes } from './measure.js';

export const benchActor = { id: 'bench', role: 'admin' as const };

/** Patients to send commands to, appended straight to the log. */
export const registeredPatients = async (store: EventStore, count: number): Promise<string[]> => {
  const patients = Array.from({ length: count }, () => uuidV7Generator.next());
  await lanes(32, count, (i) => {
    const patientId = patients[i] ?? '';
    const data = {
      patientId,
      mrn: `BENCH-${i}`,
      demographics: {
        givenName: 'Bench',
        familyName: `Patient${i}`,
        dateOfBirth: '1980-01-01',
        sex: 'unknown',
        email: `bench${i}@example.org`,
      },
      registeredAt: new Date().toISOString(),
    };
    const metadata = { actor: benchActor, correlationId: 'bench', causationId: 'bench', schemaVersion: 1, patientId };
    return store.append(
      patientStream(patientId),
      [{ id: uuidV7Generator.next(), type: wireType(patientEvents, 'PatientRegistered'), data, metadata }],
      'no-stream',
    );
  });
  return patients;
};
