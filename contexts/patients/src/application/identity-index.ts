import { loadAggregate, runCommand, toDomainEvent, wireType, type CommandContext, type EventStore } from '@hcms/shared-kernel';
import { patientEvents } from '../contract.js';
import { identityIndexStream } from '../domain/registry/identity-index.js';
import { identityStream } from '../domain/registry/patient-identity.js';
import { identityAggregate, identityIndexAggregate } from './aggregates.js';
import type { IdentityKeys } from './identity-key.js';
import type { PatientsDeps } from './patients.deps.js';

const PAGE = 500;
const ensured = new WeakMap<EventStore, Map<string, Promise<void>>>();

/**
 * Makes sure the identity index under this secret knows every registered patient before a
 * registration relies on it. A log from before keyed digests, or a rotated secret, has no
 * index under the current secret: it is rebuilt from the patients' `PatientRegistered` events
 * (claims are idempotent, so processes rebuilding at once agree), then marked built. The old
 * index streams are left as they are and never read again.
 */
export const ensureIdentityIndex = (deps: PatientsDeps, ctx: CommandContext): Promise<void> => {
  const keys = deps.identityKeys;
  const perStore = ensured.get(deps.store) ?? new Map<string, Promise<void>>();
  ensured.set(deps.store, perStore);
  const known = perStore.get(keys.fingerprint);
  if (known) return known;
  const building = rebuild(deps, keys, ctx).catch((error: unknown) => {
    perStore.delete(keys.fingerprint);
    throw error;
  });
  perStore.set(keys.fingerprint, building);
  return building;
};

const rebuild = async (deps: PatientsDeps, keys: IdentityKeys, ctx: CommandContext): Promise<void> => {
  const marker = identityIndexStream(keys.fingerprint);
  const { state } = await loadAggregate(deps.store, identityIndexAggregate, marker);
  if (state.builtUpTo !== undefined) return;
  // Registrations after the head claim under this secret themselves.
  const head = await deps.store.headPosition();
  const registered = wireType(patientEvents, 'PatientRegistered');
  for (let after = 0; after < head;) {
    const page = await deps.store.readAll({ after, maxCount: PAGE });
    const last = page[page.length - 1];
    if (!last) break;
    for (const stored of page) {
      if (stored.type !== registered || stored.position > head) continue;
      const event = toDomainEvent(patientEvents, stored);
      if (event.type !== 'PatientRegistered') continue;
      const { patientId, demographics } = event.data;
      // Already registered (and flagged then, if at all): the index only learns of it.
      const claim = { type: 'ClaimIdentity' as const, patientId, notADuplicate: true };
      await runCommand(deps, identityAggregate, identityStream(keys.keyOf(demographics)), claim, ctx, { patientId });
    }
    after = last.position;
  }
  await runCommand(deps, identityIndexAggregate, marker, { type: 'MarkIndexBuilt', upTo: head }, ctx);
};
