import { eventually } from './fixtures.js';

type Call = (method: string, path: string, body: unknown, token: string) => Promise<{ status: number; body: unknown }>;

/**
 * A clinician opens a walk-in encounter for a patient just registered: Consultations learns of
 * the patient from Patients' events, a moment after registration, so it is tried until it opens.
 * The encounter's path.
 */
export const openWalkIn = async (call: Call, patientId: string, clinician: string, dateOfService: string): Promise<string> => {
  let encounterId: string | undefined;
  await eventually(
    async () => {
      const r = await call('POST', `/patients/${patientId}/encounters`, { origin: { kind: 'walk-in' }, dateOfService }, clinician);
      encounterId = (r.body as { encounterId?: string } | undefined)?.encounterId;
      return r.status === 201;
    },
    'the encounter opened',
    15_000,
  );
  return `/patients/${patientId}/encounters/${encounterId ?? ''}`;
};
