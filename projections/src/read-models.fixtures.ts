import * as E from 'fp-ts/lib/Either.js';
import {
  unavailable,
  wireType,
  type DocumentCollection,
  type DomainError,
  type EventStore,
  type Filter,
  type ReadStore,
  type Role,
  type Route,
  type RouteResponse,
  type StoredEvent,
  type StoredState,
} from '@hcms/shared-kernel';
import { patientEvents, patientStream } from '@hcms/patients/contract';
import type { ReadModelDeps } from './read-model-deps.js';
import type { Projection } from './runner/projection.js';
import { ReadModelCollections } from './runner/read-model-collections.js';
import type { ReadModelProgress } from './runner/read-model-progress.js';

/** Whether a document's field passes a filter, as a read store compares it. */
const passes = (doc: unknown, f: Filter): boolean => {
  const value = (doc as Record<string, unknown>)[f.field];
  switch (f.op) {
    case 'eq':
      return value === f.value;
    case 'prefix':
      return typeof value === 'string' && value.toLowerCase().startsWith(f.value.toLowerCase());
    default: {
      if (typeof value !== typeof f.value) return false;
      const [a, b] = [value as string | number, f.value];
      return f.op === 'gt' ? a > b : f.op === 'gte' ? a >= b : f.op === 'lt' ? a < b : a <= b;
    }
  }
};

/** Documents in memory: enough of a read store for filters and whole-collection reads. */
class MemoryCollection<T> implements DocumentCollection<T> {
  readonly docs = new Map<string, StoredState<T>>();
  async get(id: string) {
    const s = this.docs.get(id);
    return s?.doc ? { id, version: s.version, doc: s.doc } : undefined;
  }
  async getMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.docs.has(id) ? [[id, this.docs.get(id) as StoredState<T>] as const] : [])));
  }
  async put(id: string, doc: T, version: number) {
    this.docs.set(id, { doc, version });
    return true;
  }
  async remove(id: string, version: number) {
    this.docs.set(id, { doc: null, version });
    return true;
  }
  async putMany() {}
  async count() {
    return this.docs.size;
  }
  async find(query: Parameters<DocumentCollection<T>['find']>[0]) {
    const items = [...this.docs].flatMap(([id, { doc, version }]) =>
      doc && (query.where ?? []).every((f) => passes(doc, f)) ? [{ id, version, doc }] : [],
    );
    return { items: items.slice(0, query.limit) };
  }
}

/**
 * Read models in memory over a log in memory, for route specs: `record` folds events into the
 * read models named and keeps them in the log that reproductions read; every read model has
 * applied position 42, except those named in `stalled` (503).
 */
export const memoryReadModels = () => {
  const log: StoredEvent[] = [];
  const collections = new Map<string, MemoryCollection<unknown>>();
  const collection = (name: string): MemoryCollection<unknown> => {
    const made = collections.get(name) ?? new MemoryCollection<unknown>();
    collections.set(name, made);
    return made;
  };
  const readStore = { collection: async (name: string) => collection(name) } as unknown as ReadStore;
  const awaited: string[] = [];
  const stalled: string[] = [];
  const progress = {
    knownApplied: () => true,
    await: async (name: string) => {
      awaited.push(name);
      return stalled.includes(name) ? E.left(unavailable('READ_MODEL_BEHIND', 'not yet')) : E.right(42);
    },
  } as unknown as ReadModelProgress;
  const deps = {
    readStore,
    collections: new ReadModelCollections(readStore),
    progress,
    records: {},
    readYourWritesTimeoutMs: 10,
    head: async () => 1000,
  } as unknown as ReadModelDeps;
  const store: Pick<EventStore, 'readStream'> = {
    readStream: async (streamId, options = {}) => {
      const events = log.filter((e) => e.streamId === streamId && e.version >= (options.fromVersion ?? 1));
      return events.slice(0, options.maxCount ?? events.length);
    },
  };
  // Any projection: each folds its own documents, which this store keeps as they come.
  type Folding = Pick<Projection<unknown>, 'name' | 'documentOf'> & { readonly evolve: (doc: never, event: StoredEvent) => unknown };
  const record = (events: readonly StoredEvent[], ...projections: readonly Folding[]) => {
    log.push(...events);
    for (const p of projections) {
      const docs = collection(p.name);
      for (const e of events) {
        const id = p.documentOf(e);
        if (id !== undefined) docs.docs.set(id, { doc: p.evolve((docs.docs.get(id)?.doc ?? null) as never, e), version: e.version });
      }
    }
  };
  return { deps, store, record, awaited, stalled };
};

/** A patient registered with one allergy, and erased when asked: Patients' events. */
export const patientEventsOf = (patientId: string, erased = false): StoredEvent[] => {
  const events: [string, object][] = [
    [
      'PatientRegistered',
      {
        patientId,
        mrn: 'MRN-1',
        demographics: { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' },
        registeredAt: '2025-01-01T00:00:00Z',
      },
    ],
    [
      'AllergyRecorded',
      { allergyId: 'a-1', substance: 'tetracycline', reaction: 'rash', severity: 'mild', recordedAt: '2025-01-02T00:00:00Z' },
    ],
    ...(erased ? [['PatientErased', { erasedAt: '2026-01-01T00:00:00Z', reason: 'patient-request' }] as [string, object]] : []),
  ];
  return events.map(([type, data], i) => ({
    id: `${patientId}-${i + 1}`,
    type: wireType(patientEvents, type),
    streamId: patientStream(patientId),
    version: i + 1,
    position: 1,
    recordedAt: '2026-01-01T00:00:00Z',
    data,
    metadata: { actor: { id: 'desk', role: 'receptionist' }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId },
  }));
};

/** Calls a route's handler as `role`, and rebuilds its answer from the log as an auditor would. */
export const caller = (routes: readonly Route[]) => {
  const call = async (
    path: string,
    params: Record<string, string>,
    role: Role,
    id: string,
    query: Record<string, unknown> = {},
    accept = '',
  ) => {
    const route = routes.find((r) => r.path === path);
    if (!route) throw new Error(`no route ${path}`);
    const answer = await route.handle({
      params,
      query,
      body: undefined,
      principal: { id, role },
      requestId: 'r',
      correlationId: 'c',
      accept,
      address: '',
    });
    return { route, answer };
  };
  const reproduced = async (
    { route, answer }: { route: Route; answer: E.Either<DomainError, RouteResponse> },
    params: Record<string, string>,
    role: Role,
    query: Record<string, string> = {},
  ) => {
    if (route.audit === 'no-patient-data' || !route.audit.reproduce || E.isLeft(answer)) throw new Error('nothing to reproduce');
    const { positions = {}, versions = {} } = answer.right;
    return route.audit.reproduce({ params, query, role, positions, versions, at: '2026-03-02T09:00:00.000Z' });
  };
  return { call, reproduced };
};

export const bodyOf = (answer: E.Either<DomainError, RouteResponse>) =>
  E.isRight(answer) ? (answer.right.body as Record<string, unknown>) : {};
export const statusOf = (answer: E.Either<DomainError, RouteResponse>) => (E.isLeft(answer) ? answer.left.kind : 'ok');
