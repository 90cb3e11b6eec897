import { expect } from 'chai';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { CommandContext } from '@hcms/shared-kernel';
import { identityKeys, patientStream, registerPatient, type Demographics, type PatientsDeps } from '@hcms/patients';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { randomMrnGenerator } from '../system/mrn-generator.js';
import { systemClock } from '../system/system-clock.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { tempDir, NO_ERASURE } from '../testing/fixtures.js';

const ada = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' } as Demographics;
const SECRET_A = 'identity-secret-a-0123456789-0123456789';
const SECRET_B = 'identity-secret-b-0123456789-0123456789';
const ctx = (): CommandContext => ({ actor: { id: 'desk-1', role: 'receptionist' }, correlationId: randomUUID(), now: new Date() });

describe('Identity index keyed with a secret (SQLite log)', () => {
  const dir = tempDir();
  const stores: SqliteEventStore[] = [];
  /** A process of the Patients context: its own store handle on the shared log file. */
  const patients = (secret: string, file = 'events.db'): PatientsDeps => {
    const store = new SqliteEventStore(openDatabase(join(dir.path, file), 'full'), systemClock);
    stores.push(store);
    return { store, ids: uuidV7Generator, clock: systemClock, mrns: randomMrnGenerator, identityKeys: identityKeys(secret), ...NO_ERASURE };
  };
  after(async () => {
    for (const store of stores) await store.close();
    dir.remove();
  });

  const streamsOf = async (deps: PatientsDeps, prefix: string) =>
    [...new Set((await deps.store.readAll({ maxCount: 10_000 })).map((e) => e.streamId))].filter((s) => s.startsWith(prefix));

  it('names the index stream by an HMAC of name and date of birth, not by a plain digest anyone can recompute', async () => {
    const deps = patients(SECRET_A, 'keyed.db');
    const registered = await registerPatient(deps)({ demographics: ada }, ctx());
    expect(E.isRight(registered)).to.equal(true);
    const canonical = 'hcms/identity/v2\u0000lovelace\u0000ada\u00001990-12-10';
    const keyed = createHmac('sha256', SECRET_A).update(canonical).digest('base64url');
    const plain = createHash('sha256').update(canonical).digest('base64url');
    expect(await streamsOf(deps, 'patientIdentity-')).to.deep.equal([`patientIdentity-${keyed}`]);
    expect(keyed).to.not.equal(plain);
  });

  describe('when the secret changes (or the log predates keyed digests)', () => {
    let first: string;
    it('registers under the first secret', async () => {
      const result = await registerPatient(patients(SECRET_A))({ demographics: ada }, ctx());
      if (E.isLeft(result)) throw new Error(result.left.code);
      first = result.right.patientId;
    });

    it('rebuilds the index from the registrations, so the same person is still flagged under the new secret', async () => {
      const deps = patients(SECRET_B);
      const again = await registerPatient(deps)({ demographics: { ...ada, familyName: 'LOVELACE' } as Demographics }, ctx());
      expect(E.isLeft(again) && again.left.code).to.equal('POSSIBLE_DUPLICATE');
      expect(E.isLeft(again) && again.left.details).to.deep.include({ candidates: [first] });
      // One rebuild record per secret the log has been indexed under.
      expect(await streamsOf(deps, 'patientIdentityIndex-')).to.have.length(2);
    });

    it('rebuilds once per secret: another process under it trusts the record', async () => {
      const deps = patients(SECRET_B);
      const other = await registerPatient(deps)({ demographics: { ...ada, givenName: 'Augusta' } as Demographics }, ctx());
      expect(E.isRight(other)).to.equal(true);
      for (const marker of await streamsOf(deps, 'patientIdentityIndex-')) expect(await deps.store.readStream(marker)).to.have.length(1);
      const claims = (await deps.store.readAll({ maxCount: 10_000 })).filter((e) => e.type === 'patients.IdentityClaimed');
      expect(claims.filter((e) => (e.data as { patientId: string }).patientId === first)).to.have.length(2);
    });

    it('indexes a log written before keyed digests (registrations without any claim under the secret)', async () => {
      const deps = patients(SECRET_A, 'legacy.db');
      const old = randomUUID();
      await deps.store.append(
        patientStream(old),
        [
          {
            id: randomUUID(),
            type: 'patients.PatientRegistered',
            data: { patientId: old, mrn: randomMrnGenerator.next(), demographics: ada, registeredAt: '2020-01-01T00:00:00.000Z' },
            metadata: {
              actor: { id: 'desk-0', role: 'receptionist' },
              correlationId: randomUUID(),
              causationId: randomUUID(),
              schemaVersion: 1,
            },
          },
        ],
        'no-stream',
      );
      const again = await registerPatient(deps)({ demographics: ada }, ctx());
      expect(E.isLeft(again) && again.left.details).to.deep.include({ candidates: [old] });
    });
  });
});
