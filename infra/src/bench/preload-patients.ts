import { NO_ERASURE } from '../testing/fixtures.js';
import * as E from 'fp-ts/lib/Either.js';
import { Demographics, identityKeys, registerPatient } from '@hcms/patients';
import type { EventStore } from '@hcms/shared-kernel';
import { randomMrnGenerator } from '../system/mrn-generator.js';
import { systemClock } from '../system/system-clock.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { lanes } from './measure.js';
import { benchActor } from './registered-patients.js';

const SEXES = ['female', 'male', 'other', 'unknown'] as const;

/**
 * Patients registered by the Patients context's own handler, in this process, straight into the
 * event log the stack shares: not through HTTP, but every event a registration records is there,
 * so the registry stays consistent with the patients (each holds its identity claim and its MRN
 * reservation; generated MRNs of later registrations skip the taken ones, and the identity index
 * is not rebuilt). Many registrations at once, so the store commits them in large groups.
 */
export const preloadPatients = async (
  store: EventStore,
  identityKeySecret: string,
  count: number,
  tag: string,
): Promise<{ readonly ms: number; readonly events: number }> => {
  const deps = {
    store,
    ids: uuidV7Generator,
    clock: systemClock,
    mrns: randomMrnGenerator,
    identityKeys: identityKeys(identityKeySecret),
    ...NO_ERASURE,
  };
  const register = registerPatient(deps);
  const before = await store.headPosition();
  const start = performance.now();
  let refused = 0;
  await lanes(256, count, async (i) => {
    const demographics = Demographics.decode({
      givenName: 'Preloaded',
      familyName: `Pre${i}x${tag}`,
      dateOfBirth: `19${String(30 + (i % 70)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      sex: SEXES[i % SEXES.length],
      email: `pre${i}@example.org`,
    });
    if (E.isLeft(demographics)) throw new Error('the preload builds demographics the API would refuse');
    const result = await register(
      { demographics: demographics.right },
      { actor: benchActor, correlationId: uuidV7Generator.next(), now: new Date() },
    );
    if (E.isLeft(result)) refused++;
  });
  if (refused > 0) throw new Error(`${refused} preloaded registrations were refused`);
  return { ms: performance.now() - start, events: (await store.headPosition()) - before };
};
